// The exceptions that jisr's library throws. The command-line tool maps them
// to exit codes: InputError and ModelError -> 1, UsageError -> 2.
#pragma once

#include <stdexcept>
#include <string>

namespace jisr {

// Base of every jisr exception.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input data: a missing file, invalid UTF-8, a malformed bead line. The
// message names the file and the position (byte offset or line).
class InputError : public Error {
 public:
  using Error::Error;
};

// A model or rule file that is missing, malformed or of the wrong version.
class ModelError : public Error {
 public:
  using Error::Error;
};

// Options that contradict each other or name something unknown.
class UsageError : public Error {
 public:
  using Error::Error;
};

// An ICU call failed (for instance, missing ICU data).
class IcuError : public Error {
 public:
  using Error::Error;
};

}  // namespace jisr
