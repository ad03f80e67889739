#include "src/cim/spec_functions.hpp"

#include "compat/v04/expression.hpp"
#include "src/cim/encoding.hpp"
#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

using compat::v04::CallArguments;
using compat::v04::ExpressionError;
using compat::v04::Value;

namespace {

std::vector<double> numbers(const Value& list, const std::string& function) {
  if (list.kind != Value::Kind::List) throw ExpressionError(function + ": expected a list");
  std::vector<double> out;
  for (const Value& v : list.items) {
    if (!v.is_number()) throw ExpressionError(function + ": expected a list of numbers");
    out.push_back(v.as_double());
  }
  return out;
}

Histogram histogram(const Value& list, const std::string& function) {
  try {
    return Histogram(numbers(list, function), function);
  } catch (const InputError& e) {
    throw ExpressionError(e.what());
  }
}

Value list_of(const std::vector<double>& values) {
  std::vector<Value> items;
  for (double v : values) items.push_back(Value::from_float(v));
  return Value::from_list(std::move(items));
}

Value encoded_value(const EncodedPmf& codes) {
  std::vector<Value> pairs;
  for (const auto& code : codes) {
    std::vector<Value> bits;
    for (uint8_t b : code.bits) bits.push_back(Value::from_int(b));
    pairs.push_back(Value::from_list({Value::from_list(std::move(bits)), Value::from_float(code.probability)}));
  }
  return Value::from_list(std::move(pairs));
}

EncodedPmf encoded_from(const Value& value) {
  const std::string function = "encoded_hist_to_avg_slice";
  if (value.kind != Value::Kind::List) throw ExpressionError(function + ": expected an encoded histogram");
  EncodedPmf out;
  for (const Value& pair : value.items) {
    if (pair.kind != Value::Kind::List || pair.items.size() != 2 || !pair.items[1].is_number())
      throw ExpressionError(function + ": expected [bits, probability] pairs");
    EncodedCode code;
    for (double b : numbers(pair.items[0], function)) code.bits.push_back(b != 0);
    code.probability = pair.items[1].as_double();
    out.push_back(std::move(code));
  }
  return out;
}

Value average_slice(const CallArguments& call) {
  const std::string function = "encoded_hist_to_avg_slice";
  const auto args = compat::v04::bind_arguments(
      {function, {"encoded_hist", "total_bits", "bits_per_slice", "return_per_slice", "partial_slices_use_full_range"}, 3},
      call);
  if (!args[1]->is_number() || !args[2]->is_number())
    throw ExpressionError(function + ": total_bits and bits_per_slice must be numbers");
  const EncodedPmf codes = encoded_from(*args[0]);
  const int total = static_cast<int>(args[1]->as_int()), per_slice = static_cast<int>(args[2]->as_int());
  const bool per_slice_list = args[3] && args[3]->truthy();
  const bool full_range = args[4] && args[4]->truthy();
  try {
    if (per_slice_list) return list_of(average_slice_values(codes, total, per_slice, full_range));
    return Value::from_float(average_slice_value(codes, total, per_slice, full_range));
  } catch (const InputError& e) {
    throw ExpressionError(e.what());
  }
}

// The single histogram argument of `function(hist)`.
Value hist_argument(const std::string& function, const CallArguments& call) {
  return *compat::v04::bind_arguments({function, {"hist"}, 1}, call)[0];
}

}  // namespace

std::optional<Value> call_cimloop_function(const std::string& name, const CallArguments& args) {
  if (name == "encoded_hist_to_avg_slice") return average_slice(args);
  if (name == "is_hist_signed") return Value::from_bool(histogram(hist_argument(name, args), name).is_signed());
  if (name == "hist_to_magnitude") return list_of(histogram(hist_argument(name, args), name).magnitude_pmf());
  if (!name.ends_with("_hist")) return std::nullopt;
  Encoding encoding;
  try {
    encoding = parse_encoding(name);
  } catch (const InputError&) {
    return std::nullopt;
  }
  return encoded_value(encode(histogram(hist_argument(name, args), name), encoding));
}

}  // namespace cimloop::cim
