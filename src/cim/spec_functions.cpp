#include "src/cim/spec_functions.hpp"

#include "compat/v04/expression.hpp"
#include "src/cim/encoding.hpp"
#include "src/cim/slice_statistics.hpp"
#include "src/common/error.hpp"

namespace cimloop::cim {

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

Value average_slice(const std::vector<Value>& args) {
  const std::string function = "encoded_hist_to_avg_slice";
  if (args.size() < 3 || args.size() > 4 || !args[1].is_number() || !args[2].is_number())
    throw ExpressionError(function + "(encoded, total_bits, bits_per_slice[, return_per_slice])");
  const EncodedPmf codes = encoded_from(args[0]);
  const int total = static_cast<int>(args[1].as_int()), per_slice = static_cast<int>(args[2].as_int());
  try {
    if (args.size() == 4 && args[3].truthy()) return list_of(average_slice_values(codes, total, per_slice));
    return Value::from_float(average_slice_value(codes, total, per_slice));
  } catch (const InputError& e) {
    throw ExpressionError(e.what());
  }
}

}  // namespace

std::optional<Value> call_cimloop_function(const std::string& name, const std::vector<Value>& args) {
  if (name == "encoded_hist_to_avg_slice") return average_slice(args);
  const bool one_list = args.size() == 1;
  if (name == "is_hist_signed") {
    if (!one_list) throw ExpressionError("is_hist_signed(hist)");
    return Value::from_bool(histogram(args[0], name).is_signed());
  }
  if (name == "hist_to_magnitude") {
    if (!one_list) throw ExpressionError("hist_to_magnitude(hist)");
    return list_of(histogram(args[0], name).magnitude_pmf());
  }
  if (!name.ends_with("_hist")) return std::nullopt;
  Encoding encoding;
  try {
    encoding = parse_encoding(name);
  } catch (const InputError&) {
    return std::nullopt;
  }
  if (!one_list) throw ExpressionError(name + "(hist)");
  return encoded_value(encode(histogram(args[0], name), encoding));
}

}  // namespace cimloop::cim
