-- Drives the kernel-triage language server from Neovim's built-in LSP client (0.7+), headless.
--
--   KT_LOG=/path/kern.log KT_OUT=/tmp/out.json \
--     nvim --headless --clean -n -i NONE -c 'luafile test/e2e/nvim-lsp.lua'
--
-- Opens KT_LOG (or the file already in the current buffer), starts `npm run --silent lsp` in the
-- repository root with vim.lsp.start_client, attaches the buffer, waits for the diagnostics, then
-- sends textDocument/hover (on the first `gfp_mask=0x…` value), textDocument/foldingRange and
-- textDocument/documentSymbol itself with client.request (0.7 has no folding client of its own),
-- writes everything as JSON to KT_OUT and quits: exit 0 when every step answered, 1 on a timeout or
-- an error (the JSON then says which step). KT_TIMEOUT_MS bounds each wait (default 20000).
-- KT_SERVER_CMD=node runs `node dist/server.cjs --stdio` instead of npm.

local out_path = os.getenv('KT_OUT')
local timeout = tonumber(os.getenv('KT_TIMEOUT_MS') or '') or 20000
local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end

local result = {
  nvim = vim.version(),
  steps = {},  -- step name -> milliseconds since the script started
  diagnostics = vim.NIL,
  nvim_diagnostics = vim.NIL,
  event_counts = vim.NIL,
  hover_position = vim.NIL,
  hover = vim.NIL,
  folding_ranges = vim.NIL,
  document_symbols = vim.NIL,
  server_exit = vim.NIL,
  error = vim.NIL,
}

local function write_result()
  if not out_path or out_path == '' then
    io.stderr:write('nvim-lsp.lua: KT_OUT is not set\n')
    return
  end
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function finish(code)
  write_result()
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

-- Repository root: two folders above this script.
local script = debug.getinfo(1, 'S').source:gsub('^@', '')
local root = vim.fn.fnamemodify(vim.fn.resolve(vim.fn.fnamemodify(script, ':p')), ':h:h:h')

local function wait_for(step, cond)
  if not vim.wait(timeout, cond, 20) then
    error({ step = step, message = string.format('timed out after %d ms waiting for %s', timeout, step) })
  end
  result.steps[step] = ms()
end

local function main()
  local log = os.getenv('KT_LOG')
  if log and log ~= '' then vim.cmd('edit ' .. vim.fn.fnameescape(log)) end
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.api.nvim_buf_get_name(bufnr) ~= '', 'no log file: set KT_LOG or pass the file to nvim')
  vim.bo[bufnr].filetype = 'kernel-log'
  local uri = vim.uri_from_bufnr(bufnr)

  local cmd = { 'npm', 'run', '--silent', 'lsp' }
  if os.getenv('KT_SERVER_CMD') == 'node' then cmd = { 'node', 'dist/server.cjs', '--stdio' } end

  local client_id = vim.lsp.start_client({
    name = 'kernel-triage',
    cmd = cmd,
    cmd_cwd = root,
    root_dir = root,
    settings = { kernelTriage = { explanationLanguage = 'en' } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params and params.uri == uri then result.diagnostics = params.diagnostics end
        -- Let Neovim show them as usual too (vim.diagnostic).
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
      end,
      ['kernelTriage/eventCounts'] = function(_, params)
        if params and params.uri == uri then result.event_counts = params end
      end,
    },
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'vim.lsp.buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)

  wait_for('initialized', function() return client.initialized == true end)
  wait_for('diagnostics', function() return result.diagnostics ~= vim.NIL end)
  result.nvim_diagnostics = vim.diagnostic.get(bufnr)

  local function request(step, method, params)
    local done, answer = false, nil
    local ok = client.request(method, params, function(err, res)
      answer = err and { error = err } or { result = res == nil and vim.NIL or res }
      done = true
    end, bufnr)
    assert(ok, method .. ': client.request refused (client shut down?)')
    wait_for(step, function() return done end)
    if answer.error then
      error({ step = step, message = method .. ' failed: ' .. vim.inspect(answer.error) })
    end
    return answer.result
  end

  -- Hover on the first gfp_mask value (LSP positions are UTF-16 code units).
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    local s = line:find('gfp_mask=0x', 1, true)
    if s then
      -- s is 1-based, so s - 1 + #'gfp_mask=' bytes precede the value; aim one character into it.
      result.hover_position = { line = i - 1, character = vim.str_utfindex(line, s - 1 + #'gfp_mask=') + 1 }
      break
    end
  end
  local doc = { uri = uri }
  if result.hover_position ~= vim.NIL then
    result.hover = request('hover', 'textDocument/hover', { textDocument = doc, position = result.hover_position })
  end
  result.folding_ranges = request('foldingRange', 'textDocument/foldingRange', { textDocument = doc })
  result.document_symbols = request('documentSymbol', 'textDocument/documentSymbol', { textDocument = doc })

  client.stop()
  wait_for('stopped', function() return result.server_exit ~= vim.NIL end)
end

local ok, err = xpcall(main, function(e)
  if type(e) == 'table' then return e end
  return { message = tostring(e), traceback = debug.traceback() }
end)
if ok then
  finish(0)
else
  result.error = err
  io.stderr:write('nvim-lsp.lua: ' .. (err.message or vim.inspect(err)) .. '\n')
  finish(1)
end
