// Canonical byte encoding of states: the explorer fingerprints these bytes,
// compares states by them, and stores its frontier as them. Every layer may
// use it: roles encode their own data, models encode whole systems.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace replicheck {

// Writes into a caller-owned fixed buffer: no allocation on the hot path.
class ByteWriter {
 public:
  ByteWriter(std::uint8_t* buf, std::size_t cap) : buf_(buf), cap_(cap) {}
  void u8(std::uint8_t v) {
    if (len_ >= cap_) throw std::length_error("state encoding exceeds buffer");
    buf_[len_++] = v;
  }
  void u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v));
    u8(static_cast<std::uint8_t>(v >> 8));
  }
  void u32(std::uint32_t v) {
    u16(static_cast<std::uint16_t>(v));
    u16(static_cast<std::uint16_t>(v >> 16));
  }
  void u64(std::uint64_t v) {
    u32(static_cast<std::uint32_t>(v));
    u32(static_cast<std::uint32_t>(v >> 32));
  }
  std::size_t size() const { return len_; }
  const std::uint8_t* data() const { return buf_; }

 private:
  std::uint8_t* buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
};

class ByteReader {
 public:
  ByteReader(const std::uint8_t* buf, std::size_t len) : buf_(buf), len_(len) {}
  std::uint8_t u8() {
    if (pos_ >= len_) throw std::out_of_range("state encoding truncated");
    return buf_[pos_++];
  }
  std::uint16_t u16() {
    std::uint16_t lo = u8();
    return static_cast<std::uint16_t>(lo | (u8() << 8));
  }
  std::uint32_t u32() {
    std::uint32_t lo = u16();
    return lo | (static_cast<std::uint32_t>(u16()) << 16);
  }
  std::uint64_t u64() {
    std::uint64_t lo = u32();
    return lo | (static_cast<std::uint64_t>(u32()) << 32);
  }
  bool done() const { return pos_ == len_; }

 private:
  const std::uint8_t* buf_;
  std::size_t len_;
  std::size_t pos_ = 0;
};

}  // namespace replicheck
