// Reading and writing transactional histories (txn.hpp). Like history_io,
// parsers take the whole text and report every problem as a ParseError
// naming the line.
//
//   edn   Jepsen/Elle history.edn: {:type :invoke|:ok|:fail|:info, :f :txn,
//         :process P, :value [[:append k e] [:r k [e...]] [:w k v] ...]},
//         one event per map; a completion closes its process's invocation.
//   json  replicheck's own form, {"format": "replicheck-txn-history", ...}
//         (docs/history-format.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "properties/history_io.hpp"
#include "properties/txn.hpp"

namespace replicheck::properties {

struct LoadedTxnHistory {
  TxnHistory history;
  Format format = Format::kAuto;
  std::vector<SourceLines> lines;  // parallel to history.txns
};

// format: kAuto (decided as detect_format does), kEdn or kJson; the workload
// decides which micro-operations and read values are legal.
LoadedTxnHistory parse_txn_history(std::string_view text, Format format, Workload workload,
                                   std::string_view file_name = {});

// The JSON form, one transaction per line; parsing it gives back the history.
std::string to_json(const TxnHistory& history, Workload workload);

}  // namespace replicheck::properties
