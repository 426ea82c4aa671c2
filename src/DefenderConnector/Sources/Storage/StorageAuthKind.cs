namespace DefenderConnector.Sources.Storage;

/// <summary>How the Storage export source signs in.</summary>
internal enum StorageAuthKind
{
    /// <summary>A storage account connection string (account key, or a SAS in it).</summary>
    ConnectionString,

    /// <summary>A SAS token (List and Read on the containers) with the account's blob endpoint.</summary>
    SasToken,

    /// <summary>Entra ID (role "Storage Blob Data Reader") with the account's blob endpoint.</summary>
    Entra,
}
