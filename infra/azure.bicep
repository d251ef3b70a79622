// Goal Forecast on Azure: one stateless Node.js web app (bot endpoint, REST API and tab) that any
// number of instances can run, Table Storage for the data and Storage Queues for the dispatch of
// check-ins, reached through a user-assigned managed identity (no keys, no secrets), an Azure Bot
// with the Teams channel, and Application Insights. Deployed by `arm/deploy` in teamsapp.yml with
// infra/azure.parameters.json; the outputs are written back to env/.env.<env>.
//
// Written for the Bicep CLI the toolkit downloads (teamsapp.yml pins it): no user-defined functions or
// types. Numbers and switches are string parameters (converted here) because the toolkit fills the
// parameters file by text and ARM refuses a string where it expects an int or a bool. Every App Service setting below is a variable the server reads (bot/src/config.ts); the keys
// it deliberately leaves out are NOT_PROVISIONED_KEYS there (tests/unit/deploy checks both).

@minLength(3)
@maxLength(12)
@description('Lower-case letters and digits naming this installation, e.g. "goalfc". A suffix unique to the resource group is added to names that must be globally unique.')
param resourceBaseName string

@description('Region of every regional resource (the bot registration itself is global).')
param location string = resourceGroup().location

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P1mv3'
])
@description('App Service plan. B1 is enough for a division; P0v3 or P1v3 for a city (autoscale and zone redundancy need Premium v3).')
param appServiceSku string = 'B1'

@allowed([
  'NODE|24-lts'
  'NODE|22-lts'
])
@description('Node.js runtime. The project is built and tested on Node 24 LTS (.nvmrc; CI also runs the server and the integration tests on Node 22, engines >= 22.12).')
param linuxFxVersion string = 'NODE|24-lts'

@description('Instances of the web app (B1-B3: up to 3, S: 10, P*v3: 30). All of them serve requests and send check-ins; the queues and the shared throttle row coordinate them.')
param instanceCount string = '1'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Replication of the storage account that holds all data. ZRS or GZRS where the region has zones.')
param storageSku string = 'Standard_LRS'

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
@description('How the bot signs in: the managed identity (no secret, the default) or an Entra app with a client secret kept in Key Vault.')
param botType string = 'UserAssignedMSI'

@description('SingleTenant only: client id of the bot\'s Entra app (BOT_ID written by aadApp/create).')
param botAppId string = ''

@secure()
@description('SingleTenant only: the bot app\'s client secret (SECRET_BOT_PASSWORD); stored in Key Vault, never in app settings.')
param botPassword string = ''

@maxLength(42)
param botDisplayName string = 'Goal Forecast'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot SKU. Teams is a standard channel: its messages are free on F0 as on S1.')
param botSku string = 'F0'

@description('Create a Key Vault (RBAC) even without a bot secret, for secrets added later. SingleTenant always creates one.')
@allowed([
  'true'
  'false'
])
param deployKeyVault string = 'false'

@description('The Teams app id (TEAMS_APP_ID written by teamsApp/create).')
param teamsAppId string

@description('The tab\'s SSO Entra app (written by aadApp/create).')
param aadAppClientId string
param aadAppTenantId string
param aadAppOauthAuthorityHost string = 'https://login.microsoftonline.com'

@description('Comma-separated UPNs of administrators (at least one, or set adminGroupId).')
param adminUpns string

@description('Comma-separated UPNs of managers, or "none".')
param managerUpns string = 'none'

@description('Object id of the Entra group of administrators, or "none".')
param adminGroupId string = 'none'

@description('Object id of the Entra group of managers, or "none".')
param managerGroupId string = 'none'

@description('Prefix of every table and queue name (lower-case letters and digits).')
param storagePrefix string = 'gf'

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

// Tuning: "default" leaves the setting empty, so the server's own default (bot/src/config.ts) applies
// and lives in one place only.
@description('Teams\' message limit for the app in the tenant, requests per second, shared by all instances; or "default".')
param teamsRateLimitPerSecond string = 'default'

@description('Messages one instance handles at once; or "default".')
param dispatchWorkers string = 'default'

@description('Attempts per message before it is marked failed; or "default".')
param dispatchMaxAttempts string = 'default'

@description('Bot Connector service URL for opening 1:1 chats with people the bot has not met yet; or "default".')
param teamsServiceUrl string = 'default'

@description('Days Log Analytics keeps logs and Application Insights telemetry (30 to 730).')
param logRetentionDays string = '30'

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var base = toLower(resourceBaseName)
var webAppName = '${base}-${take(suffix, 8)}'
var storageName = take('${base}${suffix}', 24)
var keyVaultName = '${base}-kv-${take(suffix, 8)}'
var isMsi = botType == 'UserAssignedMSI'
var useKeyVault = deployKeyVault == 'true' || !isMsi
var appUrl = 'https://${webApp.properties.defaultHostName}'

// Built-in roles (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// The app's identity: storage data access, Key Vault references and (UserAssignedMSI) the bot itself.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${base}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${base}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: int(logRetentionDays)
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${base}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Workspace-based: retention is the workspace's.
    IngestionMode: 'LogAnalytics'
  }
}

// Tables (all data) and queues (dispatch). No blobs, no public access, no account keys: only Entra
// tokens of the identity below are accepted.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {}
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {}
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Secrets (the SingleTenant bot's password) live here; the app reads them through Key Vault references.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (useKeyVault) {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useKeyVault) {
  name: guid(resourceGroup().id, keyVaultName, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!isMsi) {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'Client secret of the Goal Forecast bot\'s Entra app'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${base}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: int(instanceCount)
  }
  properties: {
    reserved: true
  }
}

// Only what the server reads (bot/src/config.ts), plus the platform's own switches at the end.
var serverSettings = [
  {
    name: 'APP_MODE'
    value: 'production'
  }
  {
    name: 'PUBLIC_URL'
    value: 'https://${webAppName}.azurewebsites.net'
  }
  {
    name: 'LOG_LEVEL'
    value: logLevel
  }
  {
    name: 'AZURE_TABLES_URL'
    value: 'https://${storageName}.table.${environment().suffixes.storage}'
  }
  {
    name: 'AZURE_QUEUES_URL'
    value: 'https://${storageName}.queue.${environment().suffixes.storage}'
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'STORAGE_PREFIX'
    value: storagePrefix
  }
  {
    name: 'BOT_ID'
    value: isMsi ? identity.properties.clientId : botAppId
  }
  {
    name: 'BOT_TYPE'
    value: botType
  }
  {
    name: 'BOT_TENANT_ID'
    value: isMsi ? identity.properties.tenantId : aadAppTenantId
  }
  {
    name: 'TEAMS_SERVICE_URL'
    value: teamsServiceUrl == 'default' ? '' : teamsServiceUrl
  }
  {
    name: 'TEAMS_APP_ID'
    value: teamsAppId
  }
  {
    name: 'AAD_APP_CLIENT_ID'
    value: aadAppClientId
  }
  {
    name: 'AAD_APP_TENANT_ID'
    value: aadAppTenantId
  }
  {
    name: 'AAD_APP_OAUTH_AUTHORITY_HOST'
    value: aadAppOauthAuthorityHost
  }
  {
    // The tab's SSO tokens: v2 tokens carry the client id, v1 tokens the application ID URI.
    name: 'API_AUDIENCE'
    value: '${aadAppClientId},api://${webAppName}.azurewebsites.net/${aadAppClientId}'
  }
  {
    name: 'ADMIN_UPNS'
    value: adminUpns == 'none' ? '' : adminUpns
  }
  {
    name: 'MANAGER_UPNS'
    value: managerUpns == 'none' ? '' : managerUpns
  }
  {
    name: 'ADMIN_GROUP_ID'
    value: adminGroupId == 'none' ? '' : adminGroupId
  }
  {
    name: 'MANAGER_GROUP_ID'
    value: managerGroupId == 'none' ? '' : managerGroupId
  }
  {
    name: 'TEAMS_RATE_LIMIT_PER_SECOND'
    value: teamsRateLimitPerSecond == 'default' ? '' : teamsRateLimitPerSecond
  }
  {
    name: 'DISPATCH_WORKERS'
    value: dispatchWorkers == 'default' ? '' : dispatchWorkers
  }
  {
    name: 'DISPATCH_MAX_ATTEMPTS'
    value: dispatchMaxAttempts == 'default' ? '' : dispatchMaxAttempts
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: insights.properties.ConnectionString
  }
]

// A SingleTenant bot's password comes from Key Vault at run time; it is never an app setting's value.
var secretSettings = isMsi ? [] : [
  {
    name: 'BOT_PASSWORD'
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=bot-password)'
  }
]

var platformSettings = [
  {
    // The deployed zip is mounted read-only and run as is: it already holds the built app and its
    // production node_modules (scripts/stage-azure.ts), so App Service must not build anything.
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '1'
  }
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
  {
    name: 'NODE_ENV'
    value: 'production'
  }
  {
    // Application Insights' agent for Node.js on Linux: requests, dependencies and console logs.
    name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
    value: '~3'
  }
]

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless: no ARR affinity cookie, so requests spread over all instances.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'node --conditions=production dist/bot/src/main.js'
      alwaysOn: true
      healthCheckPath: '/api/health'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(serverSettings, secretSettings, platformSettings)
    }
  }
  dependsOn: [
    tableRole
    queueRole
    vaultRole
    botSecret
  ]
}

// The bot registration: Teams delivers activities to /api/messages and accepts the bot's replies when
// they are signed by the identity named here.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${base}-bot-${take(suffix, 8)}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: union({
    displayName: botDisplayName
    endpoint: '${appUrl}/api/messages'
    msaAppType: botType
    msaAppId: isMsi ? identity.properties.clientId : botAppId
    msaAppTenantId: isMsi ? identity.properties.tenantId : aadAppTenantId
  }, isMsi ? {
    msaAppMSIResourceId: identity.id
  } : {})
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Written back to env/.env.<env> by the toolkit (same names), read by the manifest, aad.manifest.json
// and the deploy stage.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = appUrl
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = appUrl
output BOT_ID string = isMsi ? identity.properties.clientId : botAppId
output BOT_TENANT_ID string = isMsi ? identity.properties.tenantId : aadAppTenantId
output BOT_AZURE_RESOURCE_NAME string = bot.name
output AZURE_CLIENT_ID string = identity.properties.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_TABLES_URL string = 'https://${storageName}.table.${environment().suffixes.storage}'
output AZURE_QUEUES_URL string = 'https://${storageName}.queue.${environment().suffixes.storage}'
output KEY_VAULT_NAME string = useKeyVault ? keyVaultName : ''
