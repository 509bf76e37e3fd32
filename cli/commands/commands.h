// The subcommands of `skiff`, one factory per file in cli/commands/.
#pragma once

#include <memory>

#include "common/command.h"

namespace skiff::cli {

std::unique_ptr<Command> make_topics_command();
std::unique_ptr<Command> make_configs_command();
std::unique_ptr<Command> make_produce_command();
std::unique_ptr<Command> make_consume_command();
std::unique_ptr<Command> make_users_command();
std::unique_ptr<Command> make_groups_command();
std::unique_ptr<Command> make_acls_command();

}  // namespace skiff::cli
