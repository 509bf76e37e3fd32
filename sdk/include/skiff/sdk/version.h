// The SDK's version and ABI version. A plugin records SKIFF_SDK_ABI_VERSION when
// it is built; the kernel refuses a plugin whose ABI version differs from its own.
#pragma once

#define SKIFF_SDK_VERSION_MAJOR 0
#define SKIFF_SDK_VERSION_MINOR 1
#define SKIFF_SDK_VERSION_PATCH 0
#define SKIFF_SDK_VERSION_STRING "0.1.0"

// Bump on any change to a virtual interface or a struct layout in sdk/.
#define SKIFF_SDK_ABI_VERSION 6
