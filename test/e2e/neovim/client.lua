-- Drives Neovim's built-in LSP client (0.7: push diagnostics only) against the Dtype Guard server.
-- Inputs from the environment: DG_SERVER (dist/server.js), DG_FILE (a flagged .py), DG_OUT (JSON result).
local result = { steps = {} }
local function step(name, value) table.insert(result.steps, { name = name, value = value }) end

local function finish()
  local out = io.open(vim.env.DG_OUT, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.DG_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'dtype-guard',
    cmd = { 'node', vim.env.DG_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.env.DG_FILE, ':h'),
  })
  vim.lsp.buf_attach_client(bufnr, id)

  local published = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, { code = d.code, lnum = d.lnum, source = d.source, severity = d.severity })
  end
  step('diagnostics', { published = published, items = diagnostics })
  if not published then return end

  local d = vim.diagnostic.get(bufnr)[1]
  -- The diagnostics in the form vim.lsp.buf.code_action() sends them back to the server.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local titles = {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do table.insert(titles, action.title) end
  end
  step('code actions', titles)

  -- Type the fix by hand: Neovim sends it as an incremental change, and the diagnostic must go.
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  local fixed = line:gsub(', bias, ', ', bias.to(x.dtype), ', 1)
  vim.api.nvim_buf_set_lines(bufnr, d.lnum, d.lnum + 1, false, { fixed })
  local cleared = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  step('cleared after typing the fix', cleared)
end)
if not ok then result.error = tostring(err) end
finish()
