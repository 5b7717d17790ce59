#include "explorer/search/worker_pool.hpp"

namespace replicheck {

WorkerPool::WorkerPool(unsigned workers) : workers_(workers ? workers : 1) {
  for (unsigned w = 1; w < workers_; ++w) threads_.emplace_back([this, w] { loop(w); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    quit_ = true;
  }
  start_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::run(const std::function<void(unsigned)>& job) {
  {
    std::lock_guard lock(mu_);
    job_ = &job;
    running_ = workers_ - 1;
    ++generation_;
    error_ = nullptr;
  }
  start_.notify_all();
  try {
    job(0);
  } catch (...) {
    std::lock_guard lock(mu_);
    if (!error_) error_ = std::current_exception();
  }
  std::unique_lock lock(mu_);
  done_.wait(lock, [this] { return running_ == 0; });
  if (error_) std::rethrow_exception(error_);
}

void WorkerPool::loop(unsigned w) {
  unsigned long seen = 0;
  for (;;) {
    const std::function<void(unsigned)>* job;
    {
      std::unique_lock lock(mu_);
      start_.wait(lock, [&] { return quit_ || generation_ != seen; });
      if (quit_) return;
      seen = generation_;
      job = job_;
    }
    try {
      (*job)(w);
    } catch (...) {
      std::lock_guard lock(mu_);
      if (!error_) error_ = std::current_exception();
    }
    std::lock_guard lock(mu_);
    if (--running_ == 0) done_.notify_all();
  }
}

}  // namespace replicheck
