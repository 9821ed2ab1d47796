import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from '@jest/globals'
import { httpRequest, closeHttpAgent } from '../../packages/core/http.js'
import { portOpen } from '../support/services/free-port.js'
import { startAzurite } from '../support/services/azurite.js'
import { startNginx } from '../support/services/nginx.js'
import { startPostgres } from '../support/services/postgres.js'
import { startRegistry } from '../support/services/registry.js'
import { startS3rver } from '../support/services/s3rver.js'
import { startSampleApp } from '../support/services/sample-app.js'
import { startSshd } from '../support/services/sshd.js'

// The real services every action's tests start on loopback; each must start, answer and stop.
describe('test services on loopback', () => {
  afterAll(closeHttpAgent)

  it('PostgreSQL answers SQL and stops', async () => {
    const pg = await startPostgres()
    try {
      expect(pg.sql('select 40 + 2')).toBe('42')
      const url = pg.createDatabase('shop')
      expect(url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/shop`)
      expect(pg.sql('select current_database()', 'shop')).toBe('shop')
    } finally {
      await pg.stop()
    }
    expect(await portOpen(pg.port)).toBe(false)
  })

  it('Azurite serves the Blob API', async () => {
    const azurite = await startAzurite()
    try {
      const res = await httpRequest({ url: `${azurite.blobEndpoint}?comp=list` })
      expect([200, 403]).toContain(res.status)
    } finally {
      await azurite.stop()
    }
  })

  it('s3rver serves a configured bucket', async () => {
    const s3 = await startS3rver(['backups'])
    try {
      const res = await httpRequest({ url: `${s3.endpoint}/backups` })
      expect(res.status).toBe(200)
      expect(res.body).toContain('<Name>backups</Name>')
    } finally {
      await s3.stop()
    }
  })

  it('docker-registry answers the distribution API', async () => {
    const registry = await startRegistry()
    try {
      const res = await httpRequest({ url: `http://${registry.host}/v2/_catalog` })
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body)).toEqual({ repositories: [] })
    } finally {
      await registry.stop()
    }
  })

  it('nginx proxies to an upstream and switches it on reload', async () => {
    const blue = await startSampleApp()
    const green = await startSampleApp()
    const nginx = await startNginx(`127.0.0.1:${blue.port}`)
    try {
      expect((await httpRequest({ url: `http://127.0.0.1:${nginx.port}/health` })).status).toBe(200)
      nginx.switchUpstream(`127.0.0.1:${green.port}`)
      await blue.stop()
      let status = 0
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await httpRequest({ url: `http://127.0.0.1:${nginx.port}/health` })).status
        if (status !== 200) await new Promise((r) => setTimeout(r, 100))
      }
      expect(status).toBe(200)
    } finally {
      await nginx.stop()
      await blue.stop()
      await green.stop()
    }
  })

  it('sshd accepts the generated client key', async () => {
    const sshd = await startSshd()
    try {
      const keyFile = `/tmp/ssh-test-key-${sshd.port}`
      execFileSync('sh', ['-c', `umask 077; cat > ${keyFile}`], { input: sshd.privateKey })
      const out = execFileSync(
        'ssh',
        ['-i', keyFile, '-p', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', `${sshd.user}@127.0.0.1`, 'echo ok'],
        {
          stdio: 'pipe'
        }
      )
      expect(out.toString().trim()).toBe('ok')
    } finally {
      await sshd.stop()
    }
  })
})
