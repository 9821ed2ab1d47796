import { httpRequestWithRetry } from '../../../core/http.js'
import type { RegistryProvider } from '../types.js'
import { ARM_SCOPE, exchangeForm, refreshTokenCredential } from './acr-mapping.js'
import { azureCredential } from './azure-credential.js'

/** Azure Container Registry: an Entra token from the Azure credential chain, exchanged for an ACR refresh token. */
export const acrProvider: RegistryProvider = {
  kind: 'acr',
  async login(spec, context) {
    const credential = await azureCredential(context.env)
    const token = await credential.getToken(ARM_SCOPE, { abortSignal: context.signal })
    if (!token) throw new Error(`${spec.host}: the Azure credential gave no token`)
    context.mask(token.token)
    const response = await httpRequestWithRetry(
      {
        url: `${spec.insecure ? 'http' : 'https'}://${spec.host}/oauth2/exchange`,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: exchangeForm(spec.host, token.token, context.env.AZURE_TENANT_ID),
        timeoutMs: 30_000,
        signal: context.signal
      },
      `${spec.host} /oauth2/exchange`
    )
    const result = refreshTokenCredential(response.body, spec.host)
    context.mask(result.password)
    return result
  }
}
