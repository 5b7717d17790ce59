// Canonical byte encoding of states: the explorer fingerprints these bytes,
// compares states by them, and stores its frontier as them. Every layer may
// use it: roles encode their own data, models encode whole systems.
#pragma once
#include <cstddef>
#include <cstdint>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace replicheck {

static_assert(std::endian::native == std::endian::little, "encodings are little-endian");

// Largest canonical encoding of one state, in bytes (the contract test
// checks every model's largest configuration against it).
constexpr std::size_t kMaxEncoding = 4096;

// Writes into a caller-owned fixed buffer: no allocation on the hot path.
// Each value is one store: the explorer hashes these bytes right away, and
// a load that spans several recent small stores stalls the CPU (store
// forwarding fails), which once cost a fifth of the search time. Models
// should write few, wide values (pack a small state into one u64).
class ByteWriter {
 public:
  ByteWriter(std::uint8_t* buf, std::size_t cap) : buf_(buf), cap_(cap) {}
  void u8(std::uint8_t v) { put(v); }
  void u16(std::uint16_t v) { put(v); }
  void u32(std::uint32_t v) { put(v); }
  void u64(std::uint64_t v) { put(v); }
  std::size_t size() const { return len_; }
  const std::uint8_t* data() const { return buf_; }

 private:
  template <class T>
  void put(T v) {
    if (len_ + sizeof v > cap_) throw std::length_error("state encoding exceeds buffer");
    std::memcpy(buf_ + len_, &v, sizeof v);
    len_ += sizeof v;
  }
  std::uint8_t* buf_;
  std::size_t cap_;
  std::size_t len_ = 0;
};

class ByteReader {
 public:
  ByteReader(const std::uint8_t* buf, std::size_t len) : buf_(buf), len_(len) {}
  std::uint8_t u8() { return get<std::uint8_t>(); }
  std::uint16_t u16() { return get<std::uint16_t>(); }
  std::uint32_t u32() { return get<std::uint32_t>(); }
  std::uint64_t u64() { return get<std::uint64_t>(); }
  bool done() const { return pos_ == len_; }

 private:
  template <class T>
  T get() {
    if (pos_ + sizeof(T) > len_) throw std::out_of_range("state encoding truncated");
    T v;
    std::memcpy(&v, buf_ + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  const std::uint8_t* buf_;
  std::size_t len_;
  std::size_t pos_ = 0;
};

}  // namespace replicheck
