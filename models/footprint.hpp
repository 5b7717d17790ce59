// What an action reads and writes, for partial-order reduction (sleep sets,
// explorer/search/sleep_sets.hpp). A model names the parts of its state as
// bits (a region, a link, a role...) and says, for an action enabled in a
// state, which parts it may read and which it may write.
//
// The contract (tests/models/footprint_test.cpp checks it on every reachable
// state of small configurations): if two actions t and u are enabled in s and
// their footprints are independent, then
//  - each is still offered and enabled after the other, with the same key
//    and footprint (what an action touches is decided by what it reads), and
//  - taking them in either order reaches the same state.
// Over-approximating is always safe: it only makes fewer actions independent.
#pragma once
#include <cstdint>

namespace replicheck {

struct Footprint {
  std::uint64_t reads = 0, writes = 0;

  // Neither writes what the other reads or writes.
  bool independent_of(const Footprint& o) const {
    return !(writes & (o.reads | o.writes)) && !(o.writes & reads);
  }
  bool operator==(const Footprint&) const = default;
};

}  // namespace replicheck
