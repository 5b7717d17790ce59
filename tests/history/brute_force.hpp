// A deliberately naive linearizability checker for tests: tries every order
// of the operations that real time allows, on the whole history at once (no
// split by key, no memo, no pruning), with the specs written out again on
// plain Values. Exponential: for histories of at most ~8 operations.
#pragma once
#include "properties/history.hpp"
#include "properties/specs.hpp"

namespace replicheck::testing {

bool brute_force_linearizable(const properties::History& history, properties::Model model);

// The reference semantics the brute force uses, for one object.
properties::Value initial_value(properties::Model model);
// Applies op to `state`; false (state unspecified) if it cannot take effect.
bool reference_step(const properties::Operation& op, properties::Model model, properties::Value& state);

}  // namespace replicheck::testing
