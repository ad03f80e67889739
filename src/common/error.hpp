#pragma once
// Errors that reach the user. Bad input is an InputError whose message already names the
// file, line and key; programs print "ERROR: <message>" and exit 1. Nothing else is thrown
// for user mistakes (no assertions, no crashes).
#include <stdexcept>
#include <string>

namespace cimloop {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input that the reference tools report on stdout with exactly this text (no "ERROR: "
// prefix is added); the exit status is 1 as for any InputError.
class StdoutInputError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace cimloop
