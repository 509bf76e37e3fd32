# CPack setup: `cpack -G DEB` and `cpack -G RPM` in a build directory make
#   skiff                  skiffd, the skiff CLI, the core plugins, /etc/skiff, the unit
#   skiff-sdk              headers, CMake package (find_package(SkiffSDK)), skiff-sdk.pc
#   skiff-plugin-<name>    each plugin declared with skiff_add_plugin(... PACKAGE ...)
# installed under /usr whatever CMAKE_INSTALL_PREFIX the build has. Dependencies are
# the distribution's library packages, found from the binaries (dpkg-shlibdeps,
# rpm's find-requires); nothing is bundled.
set(SKIFF_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
get_property(SKIFF_PLUGIN_PACKAGES GLOBAL PROPERTY SKIFF_PLUGIN_PACKAGES)

set(CPACK_PACKAGE_NAME skiff)
set(CPACK_PACKAGE_VENDOR "The Skiff developers")
set(CPACK_PACKAGE_CONTACT "${SKIFF_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_GROUPING IGNORE)
set(CPACK_COMPONENTS_ALL skiff sdk)
foreach(plugin IN LISTS SKIFF_PLUGIN_PACKAGES)
  list(APPEND CPACK_COMPONENTS_ALL plugin-${plugin})
endforeach()

set(SKIFF_DESCRIPTION_skiff
  "Skiff speaks the Apache Kafka wire protocol, so Kafka clients (librdkafka,\n"
  "the Java client, kafka-python, kafkajs) use it unchanged. This package holds\n"
  "the skiffd daemon with its systemd unit, the skiff command-line tool, and the\n"
  "core plugins: local log storage and the embedded single-node controller.")
set(SKIFF_DESCRIPTION_sdk
  "Headers declaring Skiff's extension points (storage, controller, authorizer,\n"
  "partitioner, ...) with a CMake package (find_package(SkiffSDK)) and a\n"
  "pkg-config file (skiff-sdk), to build plugins outside the Skiff source tree.")
set(SKIFF_SUMMARY_skiff "Kafka-compatible event-streaming broker")
set(SKIFF_SUMMARY_sdk "Skiff broker plugin SDK")
set(SKIFF_CONFFILES_skiff /etc/skiff/server.properties)

# Debian.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${SKIFF_PACKAGE_RELEASE})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SKIFF_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_SKIFF_PACKAGE_NAME skiff)
set(CPACK_DEBIAN_SKIFF_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SKIFF_PACKAGE_CONTROL_EXTRA
  ${SKIFF_PACKAGING_DIR}/debian/postinst ${SKIFF_PACKAGING_DIR}/debian/prerm
  ${SKIFF_PACKAGING_DIR}/debian/postrm ${CMAKE_CURRENT_BINARY_DIR}/generated/skiff/conffiles)
set(CPACK_DEBIAN_SDK_PACKAGE_NAME skiff-sdk)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE all)

# RPM.
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE ${SKIFF_PACKAGE_RELEASE})
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_GROUP "System Environment/Daemons")
set(CPACK_RPM_PACKAGE_AUTOREQPROV ON)
set(CPACK_RPM_SKIFF_PACKAGE_NAME skiff)
set(CPACK_RPM_SDK_PACKAGE_NAME skiff-sdk)
set(CPACK_RPM_SDK_PACKAGE_GROUP "Development/Libraries")
set(CPACK_RPM_SDK_PACKAGE_ARCHITECTURE noarch)
set(CPACK_RPM_SPEC_MORE_DEFINE "%define packager ${SKIFF_PACKAGE_MAINTAINER}\n%define _build_id_links none")
set(CPACK_RPM_SKIFF_PACKAGE_REQUIRES_PRE "shadow-utils")
set(CPACK_RPM_SKIFF_PRE_INSTALL_SCRIPT_FILE ${SKIFF_PACKAGING_DIR}/rpm/pre.sh)
set(CPACK_RPM_SKIFF_POST_INSTALL_SCRIPT_FILE ${SKIFF_PACKAGING_DIR}/rpm/post.sh)
set(CPACK_RPM_SKIFF_PRE_UNINSTALL_SCRIPT_FILE ${SKIFF_PACKAGING_DIR}/rpm/preun.sh)
set(CPACK_RPM_SKIFF_POST_UNINSTALL_SCRIPT_FILE ${SKIFF_PACKAGING_DIR}/rpm/postun.sh)
# Config files survive upgrades with the operator's edits; data and logs belong to skiff.
set(CPACK_RPM_SKIFF_USER_FILELIST
  "%dir %attr(0750,skiff,skiff) /var/lib/skiff"
  "%dir %attr(0750,skiff,skiff) /var/log/skiff")
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
  /usr/sbin /usr/lib/systemd /usr/lib/systemd/system /usr/share/doc
  /usr/share/man /usr/share/man/man1 /usr/share/man/man8
  /usr/${CMAKE_INSTALL_LIBDIR} /usr/share/cmake /usr/share/pkgconfig /var /var/lib /var/log)
set(CPACK_RPM_CHANGELOG_FILE ${CMAKE_CURRENT_BINARY_DIR}/generated/rpm-changelog)
set(MAINTAINER ${SKIFF_PACKAGE_MAINTAINER})
set(VERSION ${PROJECT_VERSION}-${SKIFF_PACKAGE_RELEASE})
configure_file(${SKIFF_PACKAGING_DIR}/rpm/changelog.in ${CPACK_RPM_CHANGELOG_FILE} @ONLY)

# Optional plugins: their own package, depending on skiff of the same version.
foreach(plugin IN LISTS SKIFF_PLUGIN_PACKAGES)
  string(TOUPPER "PLUGIN-${plugin}" C)
  get_property(summary GLOBAL PROPERTY SKIFF_PLUGIN_PACKAGE_SUMMARY_${plugin})
  set(SKIFF_SUMMARY_plugin-${plugin} "Skiff plugin: ${summary}")
  set(CPACK_DEBIAN_${C}_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/generated/plugin-${plugin}/conffiles)
  set(CPACK_COMPONENT_${C}_DEPENDS skiff)
  set(CPACK_DEBIAN_${C}_PACKAGE_NAME skiff-plugin-${plugin})
  set(CPACK_RPM_${C}_PACKAGE_NAME skiff-plugin-${plugin})
  set(CPACK_RPM_${C}_PACKAGE_REQUIRES "skiff = ${PROJECT_VERSION}-${SKIFF_PACKAGE_RELEASE}")
  set(SKIFF_DESCRIPTION_plugin-${plugin}
    "${summary}.\nShipped apart from skiff for its library dependencies. To enable it,\n"
    "copy its snippet from /usr/share/skiff/conf.d into /etc/skiff/conf.d.")
endforeach()

# Per component: files in /etc as Debian conffiles and RPM %config(noreplace), so an
# upgrade keeps the operator's edits; summary and description.
foreach(component IN LISTS CPACK_COMPONENTS_ALL)
  string(TOUPPER ${component} C)
  get_property(snippets GLOBAL PROPERTY SKIFF_SNIPPETS_${component})
  set(conffiles ${SKIFF_CONFFILES_${component}})
  foreach(snippet IN LISTS snippets)
    list(APPEND conffiles /etc/skiff/conf.d/${snippet})
  endforeach()
  list(JOIN conffiles "\n" lines)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/generated/${component}/conffiles "${lines}\n")
  foreach(file IN LISTS conffiles)
    list(APPEND CPACK_RPM_${C}_USER_FILELIST "%config(noreplace) ${file}")
  endforeach()
  string(CONCAT text ${SKIFF_DESCRIPTION_${component}})
  set(CPACK_RPM_${C}_PACKAGE_SUMMARY "${SKIFF_SUMMARY_${component}}")
  set(CPACK_RPM_${C}_PACKAGE_DESCRIPTION "${text}")
  set(CPACK_DEBIAN_${C}_DESCRIPTION "${SKIFF_SUMMARY_${component}}\n${text}")
endforeach()

include(CPack)
