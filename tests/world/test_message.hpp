// A minimal message for testing the shared network: an item and a value,
// encoded in two bytes, as Network requires of a protocol's messages.
#pragma once
#include <cstdint>

#include "protocol/codec.hpp"

namespace replicheck::testing {

struct Msg {
  std::uint8_t k = 0, v = 0;
  int key() const { return k; }
  void encode(ByteWriter& w) const { w.u16(std::uint16_t(k | v << 8)); }
  void decode(ByteReader& r) {
    auto x = r.u16();
    k = std::uint8_t(x & 0xff);
    v = std::uint8_t(x >> 8);
  }
};

}  // namespace replicheck::testing
