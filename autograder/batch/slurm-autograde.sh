#!/usr/bin/env bash
# Grades a class folder on a Slurm cluster: a job array of N shards, then a merge job.
#
#   autograder/batch/slurm-autograde.sh <class folder> <N> [<out dir>] [-- <autograde options>]
#
# Run it where sbatch works (a login node), in a checkout that has been set up
# (node scripts/setup.mjs). The checkout, the class folder and <out dir> (default
# grading/<class folder name>) must be on a file system that every node mounts.
# Array task i grades shard (i+1)/N into <out dir>/shards/(i+1)-of-N/; the merge job
# starts when every task has ended, however it ended, and writes the class report
# into <out dir>, or names the shards to grade again: ONLY=2,5 with the same command
# grades only shards 2/N and 5/N and merges again (what was graded before is kept).
#
# Per task (environment, with defaults): CPUS=1 submissions at once, MEMORY_MB=3072
# the kernel limit of npm run autograde (--memory-mb; the task asks Slurm for
# CPUS × MEMORY_MB + 512 MB, so that the grader's own limit, not Slurm's, stops a
# notebook that takes too much), TIME=04:00:00, SBATCH_EXTRA (more sbatch options,
# e.g. "--partition=teaching").
set -euo pipefail

mode=${1:-}
case "$mode" in
  task)
    # an array task: task <checkout> <class folder> <out dir> <N> [autograde options]
    shift
    checkout=$1 class=$2 out=$3 count=$4
    shift 4
    if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
      echo "\"task\" is what each task of the Slurm job array runs (SLURM_ARRAY_TASK_ID is not set): submit the class with $0 <class folder> <N>" >&2
      exit 2
    fi
    # N comes from the submission, not SLURM_ARRAY_TASK_COUNT: an array that grades
    # only some shards again (ONLY=...) has fewer tasks than the class has parts
    if (( SLURM_ARRAY_TASK_ID >= count )); then
      echo "array task $SLURM_ARRAY_TASK_ID is past the $count shards: submit with --array=0-$((count - 1))" >&2
      exit 2
    fi
    cd "$checkout"
    exec node autograder/bin/autograde.mjs "$class" --out "$out" --shard "$((SLURM_ARRAY_TASK_ID + 1))/$count" \
      --jobs "${SLURM_CPUS_PER_TASK:-1}" "$@"
    ;;
  merge)
    # the merge job: merge <checkout> <out dir> <N>
    checkout=$2 out=$3 count=$4
    cd "$checkout"
    shopt -s nullglob
    shards=("$out"/shards/*-of-"$count")
    if [[ ${#shards[@]} -eq 0 ]]; then
      echo "no shard reports in $out/shards/: did the array tasks run? see their logs, $out/slurm/array*-index*.out" >&2
      exit 1
    fi
    exec node autograder/bin/autograde.mjs merge "${shards[@]}" --out "$out"
    ;;
esac

if [[ $# -lt 2 || "$1" == -* ]]; then
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
class=$(realpath "$1")
count=$2
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a whole number ≥ 1, got \"$count\"" >&2; exit 2; }
shift 2
checkout=$(realpath "$(dirname "${BASH_SOURCE[0]}")/../..")
out_arg=""
if [[ $# -gt 0 && "$1" != "--" ]]; then out_arg=$1; shift; fi
if [[ "${1:-}" == "--" ]]; then shift; fi
out=$(realpath -m "${out_arg:-$checkout/grading/$(basename "$class")}")
[[ -d "$class" ]] || { echo "the class folder $class does not exist" >&2; exit 2; }

indices="0-$((count - 1))"
if [[ -n "${ONLY:-}" ]]; then
  indices=""
  IFS=, read -ra only <<<"$ONLY"
  for k in "${only[@]}"; do
    [[ "$k" =~ ^[1-9][0-9]*$ && "$k" -le "$count" ]] || { echo "ONLY lists shards 1 to $count, got \"$k\"" >&2; exit 2; }
    indices+="${indices:+,}$((k - 1))"
  done
fi
cpus=${CPUS:-1}
memory_mb=${MEMORY_MB:-3072}
script=$(realpath "${BASH_SOURCE[0]}")
# the class's grades and answers, and the tasks' logs of scores: this account's alone (the cluster's
# file system is the students' too); merge closes an <out> made open before this
(umask 077 && mkdir -p "$out/slurm")
# shellcheck disable=SC2086 # SBATCH_EXTRA is a list of options
array=$(sbatch --parsable --job-name=autograde --array="$indices" --cpus-per-task="$cpus" \
  --mem="$((cpus * memory_mb + 512))M" --time="${TIME:-04:00:00}" --output="$out/slurm/array%A-index%a.out" \
  ${SBATCH_EXTRA:-} "$script" task "$checkout" "$class" "$out" "$count" --memory-mb "$memory_mb" "$@")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable --job-name=autograde-merge --dependency="afterany:$array" --mem=1G --time=00:30:00 \
  --output="$out/slurm/merge%j.out" ${SBATCH_EXTRA:-} "$script" merge "$checkout" "$out" "$count")
merge=${merge%%;*}
echo "submitted: array job $array (array indices $indices: shard = index + 1 of $count), merge job $merge after it"
echo "class report: $out/summary.md; logs: $out/slurm/array$array-index<i>.out (shard i + 1) and merge$merge.out"
echo "to grade some shards again: ONLY=K,... $0 $class $count $out"
