#!/bin/sh
# Packs every package of the repository (each src/*/*.csproj) into one folder, with the version set once in
# Directory.Build.props. Usage: build/pack.sh OUTPUT_DIR [VERSION_SUFFIX]
# Builds into OUTPUT_DIR/.artifacts, so it does not touch the bin/obj folders of a working build.
set -eu
out=${1:?usage: build/pack.sh OUTPUT_DIR [VERSION_SUFFIX]}
suffix=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
for project in "$root"/src/*/*.csproj; do
  dotnet pack "$project" --configuration Release --output "$out" --artifacts-path "$out/.artifacts" \
    -p:VersionSuffix="$suffix" -nologo -clp:ErrorsOnly
done
