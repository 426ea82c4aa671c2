using DefenderConnector.Mapping;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;
using DefenderConnector.Sources.Storage;

namespace DefenderConnector.Tenants;

/// <summary>One customer of a service provider (<c>tenants[]</c>): its name, label and sources. Immutable once read.</summary>
internal sealed record TenantOptions
{
    /// <summary>Unique, letters, digits and hyphens: the first part of its sources' names (<c>contoso/eventhub</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The label every event of the tenant carries (<c>organization</c>; default: <see cref="Name"/>).</summary>
    public required string Organization { get; init; }

    /// <summary>The tenant's Entra id (<c>tenantId</c>), written as <c>metadata.tenant_uid</c> when a record names none.</summary>
    public string? TenantId { get; init; }

    public EventHubSourceOptions? EventHub { get; init; }

    public IReadOnlyList<KeyValuePair<string, EventHubSourceOptions>> EventHubs { get; init; } = [];

    public GraphSourceOptions? Graph { get; init; }

    public StorageSourceOptions? Storage { get; init; }

    /// <summary>What every event of this tenant is stamped with.</summary>
    public TenantStamp Stamp() => new(Organization, TenantId);
}
