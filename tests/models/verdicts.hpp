// What model tests read after an exhaustive search: each property's status
// by name. Asking for a name the model does not have fails the test (a
// misspelt or renamed property must not pass as "").
#pragma once
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "explorer/search/bfs.hpp"

namespace replicheck::testing {

struct Statuses {
  std::map<std::string, std::string> by_name;
  const std::string& operator[](const std::string& name) const {
    INFO("property '" << name << "'");
    REQUIRE(by_name.count(name) == 1);
    return by_name.at(name);
  }
};

template <class M>
M make(const std::vector<std::string>& params) {
  return M(Params(M::param_specs(), params));
}

// Exhaustive BFS, which must complete; every violation carries a trace.
template <class M>
Statuses statuses(const M& m) {
  Result r = Bfs<M>(m, SearchOptions{}).run();
  REQUIRE(r.incomplete_reason.empty());
  Statuses out;
  for (const auto& p : r.properties) {
    out.by_name[p.name] = p.status;
    if (p.status == "violated") CHECK(p.trace->length() > 0);
  }
  return out;
}

}  // namespace replicheck::testing
