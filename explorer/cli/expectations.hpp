// Declared verdicts (`check --expect NAME=STATUS`): a model such as lww is
// meant to show violations, so "exit 1" says nothing a script can rely on.
// With expectations, the run passes when every property ends as declared;
// a property not named is expected to hold (or, for `sometimes`, to be
// reached), as it would be without --expect.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "explorer/search/result.hpp"

namespace replicheck {

struct BadExpectation : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class Expectations {
 public:
  // `declared` holds NAME=STATUS strings; `properties` the model's (name, kind).
  // Throws BadExpectation naming the first unknown property or impossible status.
  Expectations(const std::vector<std::string>& declared,
               const std::vector<std::pair<std::string, PropertyKind>>& properties);

  bool empty() const { return declared_.empty(); }
  std::string expected(const PropertyOutcome& p) const;

  struct Outcome {
    std::vector<std::string> surprises;  // "property 'x' holds, expected violated"
    std::size_t undecided = 0;           // unknown: the run was incomplete
  };
  Outcome compare(const std::vector<PropertyOutcome>& outcomes) const;

 private:
  std::map<std::string, std::string> declared_;
};

}  // namespace replicheck
