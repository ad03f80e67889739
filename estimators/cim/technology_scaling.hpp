#pragma once
// Technology scaling between nodes (CiMLoop spec §3.5: Stillmaker & Baas 2017 tables, as used
// by the Accelergy library plug-in), plus the supply-voltage rule for dynamic energy.

namespace cimloop::estimators::cim {

// Multiply an area characterised at `from_nm` by this to get the area at `to_nm`.
double area_scale(double from_nm, double to_nm);
// Multiply a dynamic (or leakage) energy characterised at `from_nm` by this.
double energy_scale(double from_nm, double to_nm);
// Dynamic energy rule (V1 / V0)^2.
double voltage_energy_scale(double from_volts, double to_volts);

}  // namespace cimloop::estimators::cim
