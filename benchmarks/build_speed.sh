#!/usr/bin/env bash
# Times the edit-and-rerun loop: an unchanged `lessons build`, and one after a prose-only
# edit, on a copy of the curriculum (the repository's lessons are not touched).
#
#   benchmarks/build_speed.sh [COPIES]
#
# COPIES > 1 repeats every lesson that many times (as differently named lessons), to see
# how the loop scales with the size of a curriculum. Needs `swift build -c release` first.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1}
lessons_bin="$PWD/.build/release/lessons"
[ -x "$lessons_bin" ] || { echo "build first: swift build -c release" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/lessons"
[ -d lessons/data ] && cp -r lessons/data "$scratch/lessons/data"
for copy in $(seq 1 "$copies"); do
    for file in lessons/*.md; do
        name=$(basename "$file" .md)
        [ "$copies" = 1 ] && target="$name.md" || target="$name-copy$copy.md"
        cp "$file" "$scratch/lessons/$target"
    done
done
count=$(ls "$scratch/lessons"/*.md | wc -l)

time_build() {
    local start end
    start=$(date +%s.%N)
    "$lessons_bin" build --root "$scratch" > /dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

echo "cold build of $count lessons: $(time_build) s"
for run in 1 2 3; do echo "unchanged build $run: $(time_build) s"; done
first=$(ls "$scratch/lessons"/*.md | head -1)
for run in 1 2 3; do
    # Append a sentence to the prose at the end of the lesson.
    printf '\nAn extra sentence of prose, edit %s.\n' "$run" >> "$first"
    echo "build after a prose-only edit $run: $(time_build) s"
done
