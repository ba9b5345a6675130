def check_data(data_dir=None): return []
