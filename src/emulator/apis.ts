/** What the emulator imitates, for its banner. */
export const EMULATED_APIS = 'Codeup v3 + Yunxiao, CodeArts Repo v4, ServiceStage v1, IAM';
