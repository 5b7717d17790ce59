// Messages of several kinds on one network: Tagged<Request, Ack> is one of
// its alternatives and meets world::Network's requirements on a message when
// each alternative does (trivially copyable, key(), encode/decode). It also
// compares equal when kind and contents do, so alternatives need operator==.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "protocol/codec.hpp"

namespace replicheck::protocol {

template <class... Ts>
class Tagged {
  static_assert(sizeof...(Ts) > 0 && sizeof...(Ts) < 256, "the tag is one byte");
  static_assert((std::is_trivially_copyable_v<Ts> && ...), "messages are copied as bytes");

 public:
  Tagged() = default;  // the first alternative, value-initialised
  template <class T>
    requires(std::is_same_v<T, Ts> || ...)
  Tagged(const T& m) : v_(m) {}  // implicit: out.send(to, Request{...})

  template <class T>
  bool holds() const { return std::holds_alternative<T>(v_); }
  template <class T>
  const T& get() const { return std::get<T>(v_); }
  int tag() const { return int(v_.index()); }
  // Calls f with the alternative held, e.g. to fire it at a role as an event.
  template <class F>
  decltype(auto) visit(F&& f) const { return std::visit(std::forward<F>(f), v_); }

  // Per-key FIFO is the alternative's own key: messages of different kinds
  // about the same key keep their order.
  int key() const {
    return std::visit([](const auto& m) { return int(m.key()); }, v_);
  }
  // One byte of tag, then the alternative's own encoding (few wide stores:
  // see protocol/codec.hpp); the tag keeps kinds with equal bytes apart.
  void encode(ByteWriter& w) const {
    w.u8(std::uint8_t(v_.index()));
    std::visit([&w](const auto& m) { m.encode(w); }, v_);
  }
  void decode(ByteReader& r) {
    decode_as(r.u8(), r, std::index_sequence_for<Ts...>{});
  }

  bool operator==(const Tagged&) const = default;

 private:
  template <std::size_t... I>
  void decode_as(std::uint8_t tag, ByteReader& r, std::index_sequence<I...>) {
    bool known = ((tag == I ? (v_.template emplace<I>().decode(r), true) : false) || ...);
    if (!known) throw std::out_of_range("unknown message tag");
  }
  std::variant<Ts...> v_;
};

}  // namespace replicheck::protocol
