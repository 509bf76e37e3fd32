// Measurement hygiene on a shared machine: write back the data disk's dirty pages
// before a measurement (syncfs), so one stage does not pay for the previous
// stage's writes, and read the load average to show how busy the machine was.
#pragma once

#include <filesystem>
#include <string>

namespace skiff::bench {

// syncfs(2) on the filesystem holding `path`; returns the seconds it took.
double write_back_dirty_pages(const std::filesystem::path& path);

// "/proc/loadavg"'s first three fields, e.g. "1.02 0.80 0.55".
std::string load_average();

}  // namespace skiff::bench
