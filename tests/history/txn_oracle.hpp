// A deliberately naive oracle for transactional histories: tries every
// serial order of the committed transactions (every choice of which :info
// ones committed), executing each against plain lists / registers, and
// checks that every read of an ok transaction returns what the execution
// gives. Shares nothing with the checker. Exponential: at most ~7 committed
// transactions.
#pragma once
#include "properties/txn.hpp"

namespace replicheck::testing {

struct OracleVerdict {
  bool serializable = false;
  bool strict_serializable = false;  // in an order that respects real time
};

OracleVerdict brute_force_transactions(const properties::TxnHistory& history, properties::Workload workload);

}  // namespace replicheck::testing
