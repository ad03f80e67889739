#include "estimators/neurosim/array_periphery.hpp"

namespace cimloop::estimators::neurosim {

DriverValues row_drivers(const ArrayRequest&, int) { throw Declined("NeuroSim plug-in: row drivers not modelled yet"); }
DriverValues col_drivers(const ArrayRequest&, int) { throw Declined("NeuroSim plug-in: column drivers not modelled yet"); }
AdcValues array_adc(const ArrayRequest&, int) { throw Declined("NeuroSim plug-in: ADC not modelled yet"); }

}  // namespace cimloop::estimators::neurosim
