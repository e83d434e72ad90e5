print("trading-server")
