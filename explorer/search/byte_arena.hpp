// A growable byte buffer that does not zero what it hands out: records are
// written in full right after append(), so clearing them first is waste.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace replicheck {

class ByteArena {
 public:
  ByteArena() = default;
  ByteArena(const ByteArena&) = delete;
  ByteArena& operator=(const ByteArena&) = delete;
  ByteArena(ByteArena&& o) noexcept : data_(o.data_), size_(o.size_), capacity_(o.capacity_) {
    o.data_ = nullptr;
    o.size_ = o.capacity_ = 0;
  }
  ~ByteArena() { std::free(data_); }

  // Returns room for n more bytes at the end.
  std::uint8_t* append(std::size_t n) {
    // 1.5x: the frontier's slack is memory the fingerprint set could use.
    if (size_ + n > capacity_) reserve(std::max(size_ + n, capacity_ + capacity_ / 2 + 4096));
    std::uint8_t* p = data_ + size_;
    size_ += n;
    return p;
  }
  void clear() { size_ = 0; }
  void swap(ByteArena& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
  }
  const std::uint8_t* data() const { return data_; }
  std::uint8_t* mutable_data() { return data_; }
  std::size_t size() const { return size_; }

 private:
  void reserve(std::size_t n) {
    auto* p = static_cast<std::uint8_t*>(std::realloc(data_, n));
    if (!p) throw std::bad_alloc();
    data_ = p;
    capacity_ = n;
  }
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace replicheck
