// The exceptions that jisr's library throws, one category each for bad
// input, failed output, limits and requests that cannot be carried out as
// asked. The command-line tool maps them to exit codes: UsageError -> 2,
// every other Error -> 1 (see `jisr --help`).
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

// A model or rule file that is missing, malformed or of the wrong version
// (bad input of another kind).
class ModelError : public InputError {
 public:
  using InputError::InputError;
};

// An output could not be written (a full disk, a closed pipe, a failed
// rename); the message names the output.
class OutputError : public Error {
 public:
  using Error::Error;
};

// A limit that guards time or memory was reached: an input over the size
// limit, a search larger than its cell limit. The message names the limit
// and the option that raises it.
class LimitError : public Error {
 public:
  using Error::Error;
};

// A request that cannot be carried out as asked: options that contradict
// each other, are out of range or name something unknown.
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
