// SIGINT/SIGTERM as a flag, so `skiff consume` stops between records and leaves its
// group cleanly instead of dying mid-way.
#pragma once

namespace skiff::cli {

void install_stop_signal_handlers();
bool stop_requested();

}  // namespace skiff::cli
