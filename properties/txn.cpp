#include "properties/txn.hpp"

#include <fmt/format.h>

namespace replicheck::properties {

std::string_view to_string(Workload workload) {
  return workload == Workload::kListAppend ? "list-append" : "rw-register";
}

bool parse_workload(std::string_view name, Workload& out) {
  for (Workload w : {Workload::kListAppend, Workload::kRwRegister}) {
    if (to_string(w) == name) return out = w, true;
  }
  return false;
}

std::string to_string(const Mop& mop, Workload workload) {
  switch (mop.kind) {
    case MopKind::kAppend: return fmt::format("[:append {} {}]", mop.key, mop.value);
    case MopKind::kWrite: return fmt::format("[:w {} {}]", mop.key, mop.value);
    case MopKind::kRead: break;
  }
  if (!mop.known) return fmt::format("[:r {} nil]", mop.key);
  if (workload == Workload::kRwRegister)
    return mop.read.empty() ? fmt::format("[:r {} nil]", mop.key) : fmt::format("[:r {} {}]", mop.key, mop.read[0]);
  return fmt::format("[:r {} [{}]]", mop.key, fmt::join(mop.read, " "));
}

std::string to_string(const Txn& txn, Workload workload) {
  std::string out = "[";
  for (const Mop& mop : txn.mops) out += (out.size() > 1 ? " " : "") + to_string(mop, workload);
  return out + "]";
}

}  // namespace replicheck::properties
