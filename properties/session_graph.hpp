// The graph of demands that session guarantees put on a key's version order.
// Nodes are versions (the initial value, each write) and "join" helpers: a
// join J with X <= J for every earlier own write X and J <= ver(R) encodes
// "every earlier own write <= ver(R)" with one edge per operation instead of
// one per pair, which keeps the check linear. The demands can all hold iff no
// strongly connected component holds a `<` edge or two versions.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "properties/session.hpp"

namespace replicheck::properties::detail {

inline constexpr std::size_t kNoOp = static_cast<std::size_t>(-1);

class DemandGraph {
 public:
  using Node = std::uint32_t;
  static constexpr Node kInitial = 0;
  static constexpr Node kNone = 0xffffffffu;       // no such node (yet)
  static constexpr Node kAmbiguous = 0xfffffffeu;  // read of a value written twice
  static constexpr Node kUnwritten = 0xfffffffdu;  // read of a value never written
  static bool is_node(Node n) { return n < kUnwritten; }

  DemandGraph() { add(std::nullopt, true); }
  Node add_version(std::size_t write_op) { return add(write_op, true); }
  Node add_join() { return add(std::nullopt, false); }
  // The write a version node stands for; nullopt for the initial value.
  std::optional<std::size_t> write_of(Node version) const { return write_op_[version]; }

  // from <= to (from < to if strict); the ops are kNoOp or the operations
  // that impose the demand, first before second in session order.
  void demand(Node from, Node to, bool strict, std::optional<Guarantee> because, const char* why,
              std::size_t first_op, std::size_t second_op) {
    edges_[from].push_back({to, strict, because, why, first_op, second_op});
  }

  // The first contradiction found (deterministic), with join nodes folded away.
  std::optional<SessionViolation> find_violation() const;

 private:
  struct Edge {
    Node to;
    bool strict;
    std::optional<Guarantee> because;
    const char* why;
    std::size_t first_op, second_op;
  };
  struct Step {
    Node from;
    const Edge* edge;
  };

  Node add(std::optional<std::size_t> op, bool version) {
    write_op_.push_back(op);
    is_version_.push_back(version);
    edges_.emplace_back();
    return static_cast<Node>(edges_.size() - 1);
  }
  std::vector<int> components() const;
  std::vector<Step> path(Node from, Node to, const std::vector<int>& component) const;
  SessionViolation fold(std::vector<Step> cycle) const;

  std::vector<std::optional<std::size_t>> write_op_;  // nullopt: initial value or join
  std::vector<bool> is_version_;
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace replicheck::properties::detail
