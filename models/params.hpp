// Model parameters given as `--param key=value`: declared with a default, a
// meaning and the values allowed, so `list` can document them and a typo is
// an error rather than a silent default.
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace replicheck {

// Thrown for any bad parameter; the CLI prints it and exits with code 2.
struct BadParam : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct ParamSpec {
  std::string name;
  std::string default_value;
  std::string meaning;
  std::int64_t min = 0, max = 0;        // integer range, when choices is empty
  std::vector<std::string> choices;     // allowed words, when not empty
  bool list = false;                    // a comma-separated list of integers, each in [min, max]
};

class Params {
 public:
  // Validates every `key=value` against the specs; throws BadParam naming
  // the offending key or value.
  Params(const std::vector<ParamSpec>& specs, const std::vector<std::string>& assignments);

  std::int64_t integer(const std::string& name) const;
  const std::string& word(const std::string& name) const;
  std::vector<std::int64_t> integers(const std::string& name) const;  // a list parameter
  // Every parameter with its effective value, in declaration order.
  const std::vector<std::pair<std::string, std::string>>& effective() const { return values_; }

 private:
  const std::string& raw(const std::string& name) const;
  std::vector<std::pair<std::string, std::string>> values_;
};

}  // namespace replicheck
