#include "tests/history/txn_oracle.hpp"

#include <algorithm>
#include <map>

namespace replicheck::testing {

using namespace replicheck::properties;

namespace {

// Executes `order` serially; true if every known read matches.
bool explains(const TxnHistory& h, const std::vector<std::size_t>& order, Workload workload) {
  std::map<std::string, std::vector<std::int64_t>> state;  // register: {} nil, {v}
  for (std::size_t t : order) {
    for (const Mop& mop : h.txns[t].mops) {
      std::vector<std::int64_t>& s = state[mop.key];
      if (mop.kind == MopKind::kAppend) s.push_back(mop.value);
      else if (mop.kind == MopKind::kWrite) s = {mop.value};
      else if (mop.known && h.txns[t].status == Status::kOk && mop.read != s) return false;
    }
  }
  (void)workload;  // both workloads' reads compare the whole state
  return true;
}

bool respects_real_time(const TxnHistory& h, const std::vector<std::size_t>& order) {
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      if (h.txns[order[j]].complete < h.txns[order[i]].invoke) return false;  // j precedes i in real time
    }
  }
  return true;
}

}  // namespace

OracleVerdict brute_force_transactions(const TxnHistory& h, Workload workload) {
  std::vector<std::size_t> ok, info;
  for (std::size_t t = 0; t < h.txns.size(); ++t) {
    if (h.txns[t].status == Status::kOk) ok.push_back(t);
    if (h.txns[t].status == Status::kInfo) info.push_back(t);
  }
  OracleVerdict v;
  for (std::size_t subset = 0; subset < (std::size_t{1} << info.size()); ++subset) {
    std::vector<std::size_t> order = ok;
    for (std::size_t i = 0; i < info.size(); ++i) {
      if (subset >> i & 1) order.push_back(info[i]);
    }
    std::sort(order.begin(), order.end());
    do {
      if (!explains(h, order, workload)) continue;
      v.serializable = true;
      if (respects_real_time(h, order)) return {true, true};
    } while (std::next_permutation(order.begin(), order.end()));
  }
  return v;
}

}  // namespace replicheck::testing
