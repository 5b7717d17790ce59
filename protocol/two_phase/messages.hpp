// Two-phase commit (Gray & Lamport's TCommit/TwoPhase spec): the messages
// roles send. The network of this calibration model is the spec's set of
// messages: once sent, a message stays available forever.
#pragma once
#include <array>
#include <cstdint>

namespace replicheck::protocol::two_phase {

constexpr int kMaxResourceManagers = 12;

struct Message {
  enum Kind : std::uint8_t { Prepared, Commit, Abort } kind = Prepared;
  std::uint8_t rm = 0;  // the sender of a Prepared
};

// A role's outgoing messages from one transition, drained by the model.
struct Outbox {
  std::array<Message, 2> items{};
  std::uint8_t size = 0;
  void send(Message m) { items[size++] = m; }
};

// Events delivered to the roles.
struct RcvPrepared { int rm; };
struct DecideCommit {};
struct DecideAbort {};
struct Prepare {};
struct ChooseToAbort {};
struct RcvCommit {};
struct RcvAbort {};

}  // namespace replicheck::protocol::two_phase
