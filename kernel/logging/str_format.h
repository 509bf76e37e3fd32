// str_format: a tiny "{}"-placeholder formatter for log messages and errors,
// because GCC 12's libstdc++ has no std::format. Each "{}" takes the next argument,
// printed with operator<<; "{{" and "}}" are literal braces; extra arguments are
// appended after a space, placeholders without an argument stay "{}".
//
//   logger.info(str_format("loaded plugin {} from {}", name, path));
#pragma once

#include <sstream>
#include <string>
#include <string_view>

namespace skiff::kernel {

namespace detail {

// Copies `fmt` up to the next "{}" into `out` and returns the rest after it, or
// an empty view (with `found` false) when no placeholder is left.
inline std::string_view copy_until_placeholder(std::ostringstream& out, std::string_view fmt,
                                               bool& found) {
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if ((c == '{' || c == '}') && i + 1 < fmt.size() && fmt[i + 1] == c) {
      out << c;
      ++i;
    } else if (c == '{' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
      found = true;
      return fmt.substr(i + 2);
    } else {
      out << c;
    }
  }
  found = false;
  return {};
}

}  // namespace detail

template <class... Args>
std::string str_format(std::string_view fmt, const Args&... args) {
  std::ostringstream out;
  bool found = true;
  [[maybe_unused]] auto one = [&](const auto& arg) {
    if (found) fmt = detail::copy_until_placeholder(out, fmt, found);
    if (!found) out << ' ';  // no placeholder left: append, so nothing is lost
    out << arg;
  };
  (one(args), ...);
  while (found) {
    fmt = detail::copy_until_placeholder(out, fmt, found);
    if (found) out << "{}";
  }
  return std::move(out).str();
}

}  // namespace skiff::kernel
