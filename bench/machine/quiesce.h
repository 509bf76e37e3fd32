// Measurement hygiene on a shared machine: write back the data disk's dirty pages
// before a measurement (syncfs), so one stage does not pay for the previous
// stage's writes; let memory freed by deleted files settle, so every measurement
// that fills the page cache starts from the same state; and read the load average
// to show how busy the machine was.
#pragma once

#include <filesystem>
#include <string>

namespace skiff::bench {

// syncfs(2) on the filesystem holding `path`; returns the seconds it took.
double write_back_dirty_pages(const std::filesystem::path& path);

// Waits after files holding gigabytes of page cache were deleted (a broker's data,
// a probe file), and says so on stderr.
//
// Why: on a VM that reports freed memory to its host (virtio-balloon free page
// reporting, about two seconds after the free), the first write to each page the
// host took back costs a host page fault. Writing 3 GB through the page cache here
// ran at 3.9 GB/s right after deleting a 3 GB file and at 420-550 MB/s five
// seconds later or after drop_caches. A measurement that starts right after a
// delete gets some of the fast memory and one that starts later does not; waiting
// before each gives all of them the slow memory a long-running broker has. Without
// the wait, the latency run also had stalls of 30-40 ms about 1-1.5 s in.
void settle_after_freeing_memory();

// "/proc/loadavg"'s first three fields, e.g. "1.02 0.80 0.55".
std::string load_average();

}  // namespace skiff::bench
