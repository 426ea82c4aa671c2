using System.Runtime.CompilerServices;
using System.Text.Json;
using Json.Schema;

namespace DefenderConnector.Tests.Manifest;

/// <summary>
/// <c>connector-manifest/config.schema.json</c> is what editors and hosts check a settings file with: every example
/// in <c>config/</c> is valid against it, and it refuses what the connector refuses about tenants.
/// </summary>
public sealed class ConfigSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Root(), "connector-manifest", "config.schema.json"))));

    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(Root(), "config"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheExampleIsValidAgainstTheSchema(string name)
    {
        var errors = Errors(File.ReadAllText(Path.Combine(Root(), "config", name)));

        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    [Theory]
    [InlineData("""{ "eventHub": { "namespace": "a", "hubName": "h" }, "tenants": [ { "name": "a", "eventHub": { "namespace": "b", "hubName": "h" } } ] }""")]
    [InlineData("""{ "tenants": [ { "name": "a" } ] }""")]
    [InlineData("""{ "tenants": [] }""")]
    [InlineData("""{ "tenants": [ { "name": "a/b", "eventHub": { "namespace": "b", "hubName": "h" } } ] }""")]
    [InlineData("""{ "tenants": [ { "name": "a", "label": "x", "eventHub": { "namespace": "b", "hubName": "h" } } ] }""")]
    [InlineData("""{ "tenants": [ { "name": "a", "tenantId": "contoso.com", "eventHub": { "namespace": "b", "hubName": "h" } } ] }""")]
    [InlineData("""{ "tenants": [ { "name": "a", "eventHub": { "namespace": "b", "hubName": "h", "sharedKey": "x" } } ] }""")]
    public void WhatTheConnectorRefusesAboutTenantsTheSchemaRefusesToo(string settings)
    {
        Assert.NotEmpty(Errors(settings));
    }

    [Fact]
    public void ATenantWithTheSectionsOfASingleTenantFileIsValid()
    {
        Assert.Empty(Errors("""{ "tenants": [ { "name": "a", "organization": "A Ltd", "tenantId": "11111111-1111-1111-1111-111111111111", "eventHub": { "namespace": "b", "hubName": "h" }, "storage": { "accountUrl": "https://a.blob.core.windows.net", "entra": { "method": "managedIdentity" } } } ] }"""));
    }

    private static List<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid")];
    }

    private static string Root([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
