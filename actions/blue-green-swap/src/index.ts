import './cjs-globals.js'
import { run } from './main.js'

await run()
