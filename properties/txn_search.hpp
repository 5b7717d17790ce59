// The serial-order search for rw-register histories (txn_search.cpp).
#pragma once
#include "properties/txn_graph.hpp"

namespace replicheck::properties::detail {

// kYes: some serial order of the committed transactions respecting the
// `mask` edges explains every read; kNo: none does; kUnknown: out of budget.
Holds search_serial_order(const TxnHistory& h, const Inference& inf, unsigned mask, const TxnCheckOptions& options);

}  // namespace replicheck::properties::detail
