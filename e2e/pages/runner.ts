import type { Page } from '@playwright/test'

/** The collection runner: its setup form, a run's progress and steps, and the kept runs. */
export class RunnerPage {
  constructor(private readonly page: Page) {}

  readonly region = () => this.page.getByRole('region', { name: 'Runner' })
  // Setup
  readonly setup = () => this.region().getByRole('form', { name: 'Run setup' })
  readonly environment = () => this.setup().getByRole('combobox', { name: 'Environment' })
  readonly dataFile = () => this.setup().getByLabel('Data file')
  readonly iterations = () => this.setup().getByRole('spinbutton', { name: 'Iterations' })
  readonly delay = () => this.setup().getByRole('spinbutton', { name: 'Delay between requests' })
  readonly stopOnFailure = () => this.setup().getByRole('switch', { name: 'Stop on first failure' })
  readonly keepVariables = () => this.setup().getByRole('switch', { name: /^Keep variable values/ })
  readonly runButton = () => this.setup().getByRole('button', { name: 'Run', exact: true })
  // A run
  readonly state = () => this.region().getByRole('status')
  readonly progress = () => this.region().getByRole('progressbar', { name: 'Run progress' })
  readonly steps = () => this.region().getByRole('table', { name: 'Run steps' })
  /** The step rows (each labelled "Request name, iteration N"), not their expanded details. */
  readonly stepRows = () => this.steps().getByRole('row', { name: /, iteration \d+$/ })
  readonly step = (name: string, iteration: number) =>
    this.steps().getByRole('row', { name: `${name}, iteration ${iteration}`, exact: true })
  readonly details = (name: string, iteration: number) =>
    this.steps().getByRole('button', { name: `Details of ${name}, iteration ${iteration}` })
  readonly testsOf = (name: string, iteration: number) =>
    this.steps().getByRole('list', { name: `Tests of ${name}, iteration ${iteration}` })
  readonly openInEditor = (name: string) =>
    this.steps()
      .getByRole('button', { name: `Open ${name} in editor` })
      .first()
  readonly filter = (name: 'All' | 'Passed' | 'Failed') =>
    this.region().getByRole('radiogroup', { name: 'Show steps' }).getByRole('radio', { name, exact: true })
  readonly stopButton = () => this.region().getByRole('button', { name: 'Stop', exact: true })
  readonly rerunFailed = () => this.region().getByRole('button', { name: 'Rerun failed' })
  readonly runAgain = () => this.region().getByRole('button', { name: 'Run again' })
  readonly exportAs = (format: 'JSON' | 'JUnit' | 'CSV') =>
    this.region().getByRole('button', { name: `Export ${format}`, exact: true })
  // Kept runs
  readonly keptRunsButton = () => this.region().getByRole('button', { name: 'Kept runs' })
  readonly keptRuns = () => this.region().getByRole('table', { name: 'Kept runs' })
  readonly keptRunRows = () =>
    this.keptRuns()
      .getByRole('row')
      .filter({ has: this.page.getByRole('button') })
  readonly openRun = (index: number) =>
    this.keptRuns()
      .getByRole('button', { name: /^Open run of/ })
      .nth(index)
  readonly deleteRun = (index: number) =>
    this.keptRuns()
      .getByRole('button', { name: /^Delete run of/ })
      .nth(index)
  readonly backToRequests = () => this.region().getByRole('button', { name: 'Back to requests' })

  /** Chooses a data file by its name and text, as the file picker would. */
  async chooseDataFile(name: string, text: string) {
    const mimeType = name.endsWith('.json') ? 'application/json' : 'text/csv'
    await this.dataFile().setInputFiles({ name, mimeType, buffer: Buffer.from(text) })
  }
}
