// A model small enough to count by hand, for testing the explorer itself:
// two counters a, b in [0, n); actions increment either one (mod n).
// n*n states; "b never exceeds limit" fails first at depth limit+1.
#pragma once
#include <string>
#include <vector>

#include "explorer/search/model.hpp"

namespace replicheck::testing {

struct Toy {
  static constexpr std::size_t kMaxActions = 2;
  struct State {
    int a = 0, b = 0;
  };
  struct Action {
    int which;
  };
  int n = 4;
  int limit = 100;           // "b <= limit" always
  bool vacuous = false;      // adds a sometimes property that never holds

  std::vector<State> initial_states() const { return {State{}}; }
  template <class Sink>
  void actions(const State&, Sink&& out) const {
    out(Action{0});
    out(Action{1});
  }
  bool next(const State& s, const Action& a, State& out) const {
    out = s;
    if (a.which == 0) out.a = (s.a + 1) % n;
    else out.b = (s.b + 1) % n;
    return true;
  }
  void encode(const State& s, ByteWriter& w) const {
    w.u8(std::uint8_t(s.a));
    w.u8(std::uint8_t(s.b));
  }
  void decode(ByteReader& r, State& s) const {
    s.a = r.u8();
    s.b = r.u8();
  }
  bool quiescent(const State&) const { return false; }
  std::vector<Property<Toy>> properties() const {
    std::vector<Property<Toy>> p = {
        {"b-bounded", PropertyKind::Always, "b stays at most the limit",
         [](const Toy& m, const State& s) { return s.b <= m.limit; }},
        {"a-wraps", PropertyKind::Sometimes, "a reaches n-1", [](const Toy& m, const State& s) { return s.a == m.n - 1; }},
    };
    if (vacuous)
      p.push_back({"never", PropertyKind::Sometimes, "a exceeds n", [](const Toy& m, const State& s) { return s.a > m.n; }});
    return p;
  }
  std::string describe(const Action& a) const { return a.which == 0 ? "increment a" : "increment b"; }
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const {
    return {{"a", std::to_string(s.a)}, {"b", std::to_string(s.b)}};
  }
};
static_assert(Model<Toy>);

}  // namespace replicheck::testing
