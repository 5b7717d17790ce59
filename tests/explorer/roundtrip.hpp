// Every model's encoding must round-trip: decode(encode(s)) encodes to the
// same bytes and shows the same fields, over the states reachable in a few
// steps. A mistake here merges distinct states, so the explorer would skip
// part of the space and could pass a buggy model.
#pragma once
#include <catch2/catch.hpp>
#include <vector>

#include "explorer/search/model.hpp"

namespace replicheck::testing {

// One state: decode(encode(s)) encodes to the same bytes (within
// kMaxEncoding) and shows the same fields.
template <Model M>
void check_state_roundtrip(const M& m, const typename M::State& s) {
  std::vector<std::uint8_t> a(kMaxEncoding), b(kMaxEncoding);
  ByteWriter w(a.data(), a.size());
  REQUIRE_NOTHROW(m.encode(s, w));  // throws past kMaxEncoding
  typename M::State t = m.initial_states()[0];
  ByteReader r(a.data(), w.size());
  m.decode(r, t);
  CHECK(r.done());
  ByteWriter w2(b.data(), b.size());
  m.encode(t, w2);
  REQUIRE(w.size() == w2.size());
  CHECK(std::equal(a.begin(), a.begin() + long(w.size()), b.begin()));
  CHECK(m.fields(s) == m.fields(t));
}

// Every state reachable within `depth` steps; returns how many were checked.
template <Model M>
std::size_t check_roundtrip(const M& m, int depth) {
  std::vector<typename M::State> frontier = m.initial_states();
  std::size_t checked = 0;
  for (int d = 0; d < depth; ++d) {
    std::vector<typename M::State> next;
    for (const auto& s : frontier) {
      check_state_roundtrip(m, s);
      ++checked;
      typename M::State out = s;
      m.actions(s, [&](const typename M::Action& act) {
        if (m.next(s, act, out)) next.push_back(out);
      });
    }
    frontier = std::move(next);
  }
  return checked;
}

}  // namespace replicheck::testing
