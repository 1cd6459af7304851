-- Driven by nvim_e2e.sh. Uses only what Neovim 0.7 has: vim.lsp.start_client and
-- buf_attach_client (vim.lsp.start came in 0.8), request_sync, vim.diagnostic.
local bin = os.getenv('CHECKLINT_BIN')
local ruleset = os.getenv('CHECKLINT_RULESET')
local work = os.getenv('CHECKLINT_WORK')

local function fail(message)
  io.stderr:write('nvim e2e: FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function check(condition, message)
  if not condition then fail(message) end
end

local function sorted_diagnostics(buf)
  local diagnostics = vim.diagnostic.get(buf)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return diagnostics
end

local client_id = vim.lsp.start_client({
  name = 'checklint',
  cmd = { bin, 'lsp' },
  root_dir = work,
  init_options = { ruleset = ruleset },
})
check(client_id ~= nil, 'the server did not start')

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function code_actions(buf, line, character, only)
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = line, character = character }, ['end'] = { line = line, character = character } },
    context = { diagnostics = {}, only = only },
  }
  local response = client.request_sync('textDocument/codeAction', params, 5000, buf)
  check(response ~= nil and response.result ~= nil, 'no codeAction response')
  return response.result
end

-- Plain text: two diagnostics; the column of 三是 is a byte column in Neovim (19 UTF-16 units are 53 bytes).
local txt = open(work .. '/draft.txt')
check(vim.wait(10000, function() return #vim.diagnostic.get(txt) == 2 end, 20), 'no diagnostics for draft.txt')
local d = sorted_diagnostics(txt)
check(d[1].lnum == 1 and d[1].col == 53 and d[1].end_col == 59, ('numbering/sequence at %d:%d-%d'):format(d[1].lnum, d[1].col, d[1].end_col))
check(d[1].message == '序号不连续：此处应为“二是”，实为“三是”', 'message: ' .. d[1].message)
check(d[1].source == 'checklint', 'source')
check(d[2].lnum == 2 and d[2].col == 0, 'numbering/style position')

-- The quick fix for 二. → 二、, applied as Neovim applies any workspace edit; the server sees the
-- change through incremental didChange and publishes again.
local client = vim.lsp.get_client_by_id(client_id)
local chosen
for _, action in ipairs(code_actions(txt, 2, 0, { 'quickfix' })) do
  if action.title:find('numbering/style', 1, true) and action.edit and not chosen then chosen = action end
end
check(chosen ~= nil, 'no quick fix for numbering/style')
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
check(vim.api.nvim_buf_get_lines(txt, 2, 3, false)[1] == '二、问题原因', 'the fix was not applied')
check(vim.wait(10000, function() return #vim.diagnostic.get(txt) == 1 end, 20), 'diagnostics not updated after the fix')

-- "Disable on this line" for the remaining one: the comment goes on its own line above.
chosen = nil
for _, action in ipairs(code_actions(txt, 1, 20, { 'quickfix' })) do
  if action.title == '在此行停用 numbering/sequence' then chosen = action end
end
check(chosen ~= nil, 'no disable action')
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
check(vim.api.nvim_buf_get_lines(txt, 1, 2, false)[1] == '<!-- checklint-disable-next-line numbering/sequence -->', 'comment not inserted')
check(vim.wait(10000, function() return #vim.diagnostic.get(txt) == 0 end, 20), 'diagnostics not cleared by the comment')

-- Markdown: the fix-all action and the outline.
local md = open(work .. '/draft.md')
check(vim.wait(10000, function() return #vim.diagnostic.get(md) == 1 end, 20), 'no diagnostics for draft.md')
local actions = code_actions(md, 0, 0, { 'source.fixAll' })
check(#actions == 1 and actions[1].kind == 'source.fixAll.checklint', 'no fix-all action')
vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
check(vim.api.nvim_buf_get_lines(md, 2, 3, false)[1] == '（一）学习方面。一是学习不深；二是联系实际不够。', 'fix-all not applied')
check(vim.wait(10000, function() return #vim.diagnostic.get(md) == 0 end, 20), 'diagnostics not cleared by fix-all')
local symbols = client.request_sync('textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(md) } }, 5000, md)
check(symbols and symbols.result and symbols.result[1].name == '一、存在的问题', 'outline')
check(symbols.result[1].children[1].name == '（一）学习方面', 'outline child')

io.stdout:write('nvim e2e: ok\n')
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
