// Helpers for tests that walk a model's states by hand (the footprint,
// persistent-set and symmetry contracts): a state's canonical bytes, the
// candidate actions the model offers in it, what the properties see of it,
// and a breadth-first walk that stops at the first broken promise.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "properties/property.hpp"
#include "protocol/codec.hpp"

namespace replicheck::testing {

template <class M>
std::string bytes(const M& m, const typename M::State& s) {
  std::array<std::uint8_t, kMaxEncoding> buf{};
  ByteWriter w(buf.data(), buf.size());
  m.encode(s, w);
  return std::string(buf.begin(), buf.begin() + std::ptrdiff_t(w.size()));
}

template <class M>
std::vector<typename M::Action> candidates(const M& m, const typename M::State& s) {
  std::vector<typename M::Action> out;
  m.actions(s, [&](const typename M::Action& a) { out.push_back(a); });
  return out;
}

// What the properties see of a state: each one's value (for at_quiescence,
// whether it is violated here) and quiescence.
template <class M>
std::string seen_by_properties(const M& m, const typename M::State& s) {
  std::string out(1, m.quiescent(s) ? 'q' : '-');
  for (const auto& p : m.properties()) {
    bool holds = p.holds(m, s);
    if (p.kind == PropertyKind::AtQuiescence) holds = holds || !m.quiescent(s);
    out += holds ? '1' : '0';
  }
  return out;
}

// Calls check(s, candidates) on the reachable states, breadth first, at
// most max_states of them; returns the first message check returns, or
// nothing when every state passed.
template <class M, class Check>
std::optional<std::string> first_breach(const M& m, std::size_t max_states, Check&& check) {
  using State = typename M::State;
  std::vector<State> queue = m.initial_states();
  std::unordered_set<std::string> seen;
  for (const State& s : queue) seen.insert(bytes(m, s));
  State t{};
  for (std::size_t head = 0; head < queue.size() && head < max_states; ++head) {
    const State s = queue[head];
    const auto acts = candidates(m, s);
    for (const auto& a : acts)
      if (m.next(s, a, t) && seen.insert(bytes(m, t)).second) queue.push_back(t);
    if (std::optional<std::string> breach = check(s, acts)) return breach;
  }
  return std::nullopt;
}

}  // namespace replicheck::testing
