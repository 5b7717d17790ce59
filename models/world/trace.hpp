// How the world reads in a counterexample, for every protocol: one field per
// client operation, a region's status, a link's messages; client steps on
// the timing diagram. The protocol prints its roles and its messages.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "models/step_info.hpp"
#include "models/world/clients.hpp"
#include "models/world/region.hpp"
#include "models/world/serving.hpp"

namespace replicheck::world {

using Fields = std::vector<std::pair<std::string, std::string>>;

// "k0=1 k1=nil": what an operation wrote or read, per item it touches.
inline std::string items_text(const ClientOp& o, int keys) {
  std::string out;
  for (int k = 0; k < keys; ++k)
    if (o.touches(k))
      out += fmt::format("{}k{}={}", out.empty() ? "" : " ", k, o.values[k] ? std::to_string(o.values[k]) : "nil");
  return out;
}

// "c0@r0 write k0=1 k1=1", "c1@r1 read -> k0=nil", "c0@r1 increment k0 -> 2", ...
inline std::string operation_text(const ClientOp& o, int keys) {
  static constexpr const char* kStatus[] = {" (pending)", "", " FAILED (unavailable)", " REFUSED",
                                            " OUTCOME UNKNOWN"};
  std::string who = fmt::format("c{}@{}", o.client, region_name(o.region));
  const char* status = kStatus[int(o.status)];
  if (o.kind == OpKind::Read)
    return o.status == OpStatus::Ok ? fmt::format("{} read -> {}", who, items_text(o, keys))
                                    : fmt::format("{} read{}", who, status);
  if (o.kind == OpKind::Increment)
    return o.status == OpStatus::Ok ? fmt::format("{} increment k{} -> {}", who, o.key, o.values[o.key])
                                    : fmt::format("{} increment k{}{}", who, o.key, status);
  return fmt::format("{} write {}{}", who, items_text(o, keys), status);
}

// One field per client operation, "op0", "op1", ... in real-time order of
// invocation, so a trace's diff shows just the operation a step changed.
template <class ClientRecord>
void operation_fields(const ClientRecord& clients, int keys, Fields& out) {
  for (int i = 0; i < clients.length; ++i)
    out.emplace_back(fmt::format("op{}", i), operation_text(clients.history[i], keys));
}

// "r1.region = down": only while the region is away.
template <class Net>
void region_status_field(const Net& net, int r, Fields& out) {
  if (net.is_down(r) || net.is_isolated(r))
    out.emplace_back(region_name(r) + ".region", net.is_down(r) ? "down" : "isolated");
}

// "r0.link->r1 = cut [k0=1@4.r0]": a link's messages, each as `text` prints it.
template <class Net, class Text>
void link_field(const Net& net, int src, int dst, Text&& text, Fields& out) {
  std::string wire;
  for (const auto& m : net.in_flight(src, dst)) wire += fmt::format("{}{}", wire.empty() ? "" : " ", text(m));
  out.emplace_back(fmt::format("{}.link->{}", region_name(src), region_name(dst)),
                   fmt::format("{}[{}]", net.is_cut(src, dst) ? "cut " : "", wire));
}

// A client step on the timing diagram, in the lane of the region the
// operation was sent to: the first step of an operation invokes it, the
// second returns.
template <class ClientRecord>
StepInfo step_info(const ClientRecord& before, const ClientRecord& after, const ClientStep& step, int keys) {
  int c = step.client;
  int index = step.kind == ClientStep::Invoke ? after.length - 1 : before.pending[c] - 1;
  const ClientOp& op = after.history[index];
  return {region_name(op.region), StepKind::Client, "", operation_text(op, keys),
          fmt::format("c{}#{}", c, after.started[c] - 1)};
}

}  // namespace replicheck::world
