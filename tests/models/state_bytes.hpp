// Helpers for tests that walk a model's states by hand (the footprint and
// persistent-set contracts): a state's canonical bytes, and the candidate
// actions the model offers in it.
#pragma once
#include <array>
#include <string>
#include <vector>

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

}  // namespace replicheck::testing
