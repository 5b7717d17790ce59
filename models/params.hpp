// Model parameters given as `--param key=value`: declared with a default, a
// meaning and the values allowed, so `list` can document them and a typo is
// an error rather than a silent default.
#pragma once
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
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

// A parameter whose value is one word of a fixed list, each word naming an
// enumerator: the table is the one place that lists the words, so the spec
// (what `list` prints, what is accepted) and the value a model reads cannot
// disagree.
template <class E>
using Choices = std::vector<std::pair<std::string, E>>;

template <class E>
ParamSpec choice_spec(std::string name, const Choices<E>& table, std::string default_value, std::string meaning) {
  ParamSpec spec{std::move(name), std::move(default_value), std::move(meaning), 0, 0, {}};
  for (const auto& [word, value] : table) spec.choices.push_back(word);
  return spec;
}

class Params {
 public:
  // Validates every `key=value` against the specs; throws BadParam naming
  // the offending key or value.
  Params(const std::vector<ParamSpec>& specs, const std::vector<std::string>& assignments);

  std::int64_t integer(const std::string& name) const;
  const std::string& word(const std::string& name) const;
  std::vector<std::int64_t> integers(const std::string& name) const;  // a list parameter
  // The enumerator a choice parameter names (its spec came from choice_spec).
  template <class E>
  E choice(const std::string& name, const Choices<E>& table) const {
    for (const auto& [word, value] : table)
      if (word == raw(name)) return value;
    throw std::logic_error("parameter " + name + " has a word its table lacks");
  }
  // Every parameter with its effective value, in declaration order.
  const std::vector<std::pair<std::string, std::string>>& effective() const { return values_; }

 private:
  const std::string& raw(const std::string& name) const;
  std::vector<std::pair<std::string, std::string>> values_;
};

}  // namespace replicheck
